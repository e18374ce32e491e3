// Two-click solution: the video loads only after the visitor clicks the button.
document.querySelectorAll('.zwei-klick').forEach(function (box) {
  box.querySelector('button').addEventListener('click', function () {
    var frame = document.createElement('iframe');
    frame.src = box.getAttribute('data-src');
    frame.title = 'Erklärvideo';
    box.replaceChildren(frame);
  });
});
