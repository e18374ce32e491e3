// A minimal consent manager: blocked scripts and frames run only after „Alle akzeptieren“.
document.getElementById('alle-akzeptieren').addEventListener('click', function () {
  document.querySelectorAll('script[type="text/plain"][data-category]').forEach(function (old) {
    var script = document.createElement('script');
    if (old.getAttribute('data-src')) { script.src = old.getAttribute('data-src'); }
    script.text = old.text;
    old.replaceWith(script);
  });
  document.querySelectorAll('iframe[data-cookieconsent][data-src]').forEach(function (frame) {
    frame.src = frame.getAttribute('data-src');
  });
  document.getElementById('einwilligung').hidden = true;
});
