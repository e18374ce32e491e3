// Test stand-in for X's widgets.js: timelines and buttons become frames.
document.querySelectorAll('.twitter-timeline, .twitter-follow-button').forEach(function (el) {
  var frame = document.createElement('iframe');
  frame.src = 'https://platform.twitter.com/widgets/widget_iframe.html';
  el.replaceWith(frame);
});
