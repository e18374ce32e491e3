// Stands in for Shariff: share buttons are plain links; nothing loads from the platforms.
document.querySelectorAll('.shariff').forEach(function (box) {
  box.innerHTML = '<a href="https://www.facebook.com/sharer/sharer.php?u=' +
    encodeURIComponent(box.getAttribute('data-url')) + '">Teilen</a>';
});
