// Test stand-in for the Facebook SDK: renders plugins as frames from www.facebook.com.
(function () {
  document.querySelectorAll('.fb-like, .fb-page').forEach(function (el) {
    var frame = document.createElement('iframe');
    frame.src = 'https://www.facebook.com/plugins/like.php?href=' +
      encodeURIComponent(el.getAttribute('data-href') || location.href);
    el.appendChild(frame);
  });
})();
