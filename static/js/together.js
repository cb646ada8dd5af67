/* Discuss together: → or J goes to the next item, ← or K to the previous one. The same
   links are on the page, so everything works without this file. */
(function () {
  "use strict";
  var keys = { ArrowRight: "next", j: "next", J: "next", ArrowLeft: "prev", k: "prev", K: "prev" };
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) {
      return;
    }
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      return;
    }
    var rel = keys[event.key];
    var link = rel && document.querySelector('.together-nav a[rel="' + rel + '"]');
    if (link) {
      event.preventDefault();
      window.location.assign(link.href);
    }
  });
})();
