/* The goal form, a little smoother: live goal and character counts, and the example goals
   narrowed to the life area being chosen. The page says all of this in text without it. */
(function () {
  "use strict";
  var form = document.querySelector("form.goal-form");
  if (!form) return;
  var counter = form.querySelector(".goal-count");
  var max = counter ? parseInt(counter.getAttribute("data-max"), 10) : 10;
  var template = counter ? counter.getAttribute("data-template") : "";

  function rows() {
    return Array.prototype.slice.call(form.querySelectorAll(".goal-row"));
  }

  function countGoals() {
    if (!counter) return;
    var n = rows().filter(function (row) {
      var title = row.querySelector("input[name$='-title']");
      var remove = row.querySelector("input[name$='-DELETE']");
      return title && title.value.trim() !== "" && !(remove && remove.checked);
    }).length;
    var text = template.replace("%(n)s", n).replace("%(max)s", max);
    // Only on a real change, so a screen reader hears the count when it moves, not per key.
    if (counter.textContent !== text) counter.textContent = text;
  }

  // A counter under each title and "success" box: "12 of 200 characters".
  function addCharacterCounter(field) {
    var limit = parseInt(field.getAttribute("maxlength"), 10);
    if (!limit) return;
    var note = document.createElement("div");
    note.className = "form-text char-count";
    note.setAttribute("data-template", form.getAttribute("data-chars-template"));
    field.insertAdjacentElement("afterend", note);
    function update() {
      note.textContent = note
        .getAttribute("data-template")
        .replace("%(n)s", field.value.length)
        .replace("%(max)s", limit);
    }
    field.addEventListener("input", update);
    update();
  }

  var examples = document.querySelector(".goal-examples");
  function showExamplesFor(area) {
    if (!examples) return;
    var groups = examples.querySelectorAll(".goal-examples-area");
    var known = Array.prototype.some.call(groups, function (g) {
      return g.getAttribute("data-area") === area;
    });
    Array.prototype.forEach.call(groups, function (group) {
      group.hidden = known && group.getAttribute("data-area") !== area;
    });
    var summary = examples.querySelector("summary");
    var select = form.querySelector("#new-goal select[name$='-area']");
    var option = select && select.options[select.selectedIndex];
    summary.textContent =
      known && option
        ? examples.getAttribute("data-one-area").replace("%(area)s", option.text)
        : examples.getAttribute("data-all-areas");
  }

  form
    .querySelectorAll("input[name$='-title'], textarea[name$='-success']")
    .forEach(addCharacterCounter);
  form.addEventListener("input", countGoals);
  form.addEventListener("change", function (event) {
    countGoals();
    var target = event.target;
    if (target.matches("#new-goal select[name$='-area']")) showExamplesFor(target.value);
  });
  countGoals();
})();
