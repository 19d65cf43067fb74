// Disclosures (<details>) that work without this script; with it they behave a little better.
// - A <details data-open-wide> is folded on a phone and open beside the content on a wide screen
//   (the width where static/css/search.css puts it in a column). Without the script it stays as
//   the page sent it: folded, or open when a filter is chosen.
// - The header's two buttons (search, menu) open one panel at a time: both open would overlap.
(() => {
  "use strict";
  if (window.matchMedia("(min-width: 50rem)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach((details) => {
      details.open = true;
    });
  }
  const header = document.querySelectorAll(".site-header__buttons details");
  header.forEach((details) => {
    details.addEventListener("toggle", () => {
      if (details.open) {
        header.forEach((other) => {
          if (other !== details) {
            other.open = false;
          }
        });
        const box = details.querySelector("input[type=search]");
        if (box) {
          box.focus();
        }
      }
    });
  });
})();
