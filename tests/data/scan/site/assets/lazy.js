// A minimal lazy loader: copies data-src to src when the element comes into view.
(function () {
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) {
        entry.target.src = entry.target.getAttribute('data-src');
        observer.unobserve(entry.target);
      }
    });
  });
  document.querySelectorAll('.lazyload[data-src]').forEach(function (el) { observer.observe(el); });
})();
