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
})();
