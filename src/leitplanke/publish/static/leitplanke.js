/* Leitplanke: applies the rule filter in the browser on the static site, which has no server to
   filter for it. The filter form submits its choice as a query (?audience=…&aspect=…&level=…);
   when served, the server has already filtered and this script changes nothing. Without it the
   static page shows all rules, reachable through the table of contents. */
(function () {
  "use strict";
  var form = document.querySelector("form.filter");
  var status = document.getElementById("treffer");
  if (!form || !status || !window.URLSearchParams) {
    return;
  }
  var names = ["audience", "aspect", "level"];
  var query = new URLSearchParams(window.location.search);
  var chosen = {};
  names.forEach(function (name) {
    var value = query.get(name) || "";
    var select = form.elements[name];
    if (select && value) {
      select.value = value;
    }
    chosen[name] = select ? select.value : "";
  });

  var rules = document.querySelectorAll("article.rule");
  var shown = 0;
  rules.forEach(function (rule) {
    var visible = names.every(function (name) {
      return !chosen[name] || rule.getAttribute("data-" + name) === chosen[name];
    });
    rule.hidden = !visible;
    shown += visible ? 1 : 0;
  });
  if (shown === rules.length) {
    return;
  }
  document.querySelectorAll("section.aspect, section.audience").forEach(function (section) {
    section.hidden = !section.querySelector("article.rule:not([hidden])");
  });
  document.querySelectorAll(".toc a[href^='#']").forEach(function (link) {
    var target = document.getElementById(link.getAttribute("href").slice(1));
    link.parentElement.hidden = !target || target.hidden;
  });
  status.textContent = shown + " von " + rules.length + " Regeln entsprechen dem Filter.";
})();
