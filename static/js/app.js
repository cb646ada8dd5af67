/* Small enhancements only: every page works without this file. */
(function () {
  "use strict";

  function openItemKeys() {
    var keys = [];
    document.querySelectorAll("details.agenda-item[open]").forEach(function (item) {
      keys.push(item.id.replace(/^item-/, ""));
    });
    return keys.join(",");
  }

  // Each action swaps the whole discussion: tell the server which items are unfolded, so they
  // come back unfolded and the page stays where the person was.
  document.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.verb === "post" && document.getElementById("discussion")) {
      event.detail.parameters.open_items = openItemKeys();
    }
  });

  // After htmx swaps the discussion in place, the button that was pressed is gone: move focus
  // to the message that says what happened (shown inside the item acted on), so keyboard and
  // screen-reader users are not lost.
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.target;
    if (target && target.classList && target.classList.contains("item-form")) {
      // A form fetched into an item: its first field gets the focus.
      var field = target.querySelector("textarea, select, input:not([type=hidden])");
      if (field) {
        field.focus();
      }
      return;
    }
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

  // An item folded on the page holds only a link to itself: unfolding it fetches its body.
  function loadItem(item) {
    var body = item.querySelector(".item-body");
    if (!window.htmx || !body || !body.querySelector(".item-load")) {
      return null;
    }
    return window.htmx.ajax("GET", item.getAttribute("data-url"), { target: body, swap: "innerHTML" });
  }
  document.addEventListener(
    "toggle",
    function (event) {
      var item = event.target;
      if (item.matches && item.matches("details.agenda-item") && item.open) {
        loadItem(item);
      }
    },
    true
  );

  // A row of the overview unfolds its item in place instead of reloading the page.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.overview-link[data-item]");
    if (!link || !window.htmx || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) {
      return;
    }
    var item = document.getElementById("item-" + link.getAttribute("data-item"));
    if (!item) {
      return;
    }
    event.preventDefault();
    history.replaceState(null, "", "#" + item.id);
    item.open = true;
    item.scrollIntoView({ block: "start" });
    var summary = item.querySelector("summary");
    if (summary) {
      summary.focus();
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
