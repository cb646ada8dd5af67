/* Small enhancements only: every page works without this file. */
(function () {
  "use strict";
  // After htmx swaps the discussion in place, the button that was pressed is gone: move focus
  // to the message that says what happened (shown inside the item acted on), so keyboard and
  // screen-reader users are not lost and the page stays where the person was.
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.target;
    var discussion = document.getElementById("discussion");
    if (target && target.classList && target.classList.contains("item-form")) {
      // A form fetched into an item: its first field gets the focus.
      var field = target.querySelector("textarea, select, input:not([type=hidden])");
      if (field) {
        field.focus();
      }
      return;
    }
    var message = discussion && discussion.querySelector(".messages .alert");
    if (message) {
      message.setAttribute("tabindex", "-1");
      message.focus();
    }
  });
  // A row of the overview unfolds its item in place instead of reloading the page.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.overview-link[data-item]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) {
      return;
    }
    var item = document.getElementById("item-" + link.getAttribute("data-item"));
    if (!item) {
      return;
    }
    event.preventDefault();
    item.open = true;
    history.replaceState(null, "", "#" + item.id);
    var summary = item.querySelector("summary");
    item.scrollIntoView({ block: "start" });
    if (summary) {
      summary.focus();
    }
  });
})();
