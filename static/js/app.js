/* Small enhancements only: every page works without this file. */
(function () {
  "use strict";
  // After htmx swaps the discussion in place, the button that was pressed is gone: move focus
  // to the message that says what happened, so keyboard and screen-reader users are not lost.
  document.addEventListener("htmx:afterSettle", function () {
    var discussion = document.getElementById("discussion");
    var message = discussion && discussion.querySelector(".messages .alert");
    if (message) {
      message.setAttribute("tabindex", "-1");
      message.focus();
    }
  });

  // The account menu is a <details>: close it on Escape or a click elsewhere, as menus do.
  var menu = document.querySelector("details.account-menu");
  if (menu) {
    document.addEventListener("click", function (event) {
      if (menu.open && !menu.contains(event.target)) menu.open = false;
    });
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  }
})();
