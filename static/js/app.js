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

  // Past a rate limit the server answers 429 with a page that says when to try again. htmx
  // does not swap error answers, so show that sentence above the form that was sent; what was
  // typed stays in the form.
  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    var form = event.detail.elt;
    if (!xhr || xhr.status !== 429 || !form || !form.parentNode) {
      return;
    }
    var answer = new DOMParser().parseFromString(xhr.responseText, "text/html");
    var said = answer.querySelector("[data-rate-limit-message]");
    if (!said) {
      return;
    }
    var alert = document.createElement("div");
    alert.className = "alert alert-warning rate-limit-alert";
    alert.setAttribute("role", "alert");
    alert.textContent = said.textContent.trim();
    var previous = form.previousElementSibling;
    if (previous && previous.classList.contains("rate-limit-alert")) {
      previous.remove();
    }
    form.parentNode.insertBefore(alert, form);
  });
})();
