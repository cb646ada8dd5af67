/* Follow the system's light or dark setting with Bootstrap's colour modes. Loaded in <head>
   without defer, so the page is painted in the right colours from the start; a file, not an
   inline script, because the CSP forbids inline ones. Without it, app.css falls back to a
   media query. */
(function () {
  "use strict";
  var query = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  function apply() {
    var dark = query && query.matches;
    document.documentElement.setAttribute("data-bs-theme", dark ? "dark" : "light");
  }
  apply();
  if (query && query.addEventListener) query.addEventListener("change", apply);
})();
