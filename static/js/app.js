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

  // Destructive actions ask first (accounts/confirm.py). Without JavaScript the server shows a
  // confirmation page; here a dialog says the same, and "OK" sends the form confirmed.
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      var question = form.getAttribute("data-confirm");
      if (!question || form.querySelector("input[name=confirmed]")) {
        return;
      }
      if (!window.confirm(question)) {
        event.preventDefault();
        event.stopImmediatePropagation();
        return;
      }
      var confirmed = document.createElement("input");
      confirmed.type = "hidden";
      confirmed.name = "confirmed";
      confirmed.value = "1";
      form.appendChild(confirmed);
    },
    true
  );
})();
