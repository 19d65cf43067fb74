/* The admin's autocomplete (select2) names its box by the chosen value only, and an empty box
   not at all. Name it by the field's label as well, so a screen reader says "Wet, rij 2: Barp". */
(function () {
  "use strict";

  function nameBox(select) {
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    var box = select.nextElementSibling;
    if (!label || !box || !box.classList.contains("select2")) return;
    if (!label.id) label.id = select.id + "-label";
    var rendered = box.querySelector(".select2-selection__rendered");
    var selection = box.querySelector(".select2-selection");
    if (rendered) {
      if (!rendered.id) rendered.id = select.id + "-chosen";
      rendered.setAttribute("aria-labelledby", label.id);
    }
    if (selection) {
      selection.setAttribute("aria-labelledby", label.id + (rendered ? " " + rendered.id : ""));
    }
  }

  function nameAll(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(nameBox);
  }

  // select2 starts on jQuery's ready, rows added later on "formset:added": name each box as
  // it appears, whenever that is.
  function watch() {
    nameAll(document);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(function (node) {
          if (node.nodeType !== 1) return;
          if (node.classList.contains("select2") && node.previousElementSibling) {
            nameBox(node.previousElementSibling);
          } else {
            nameAll(node);
          }
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
