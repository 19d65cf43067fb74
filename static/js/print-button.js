// The "Afdrukken" button on the print pages. Without this script the button stays hidden and
// the hint beside it (Ctrl+P) says how to print; the button is in the toolbar, which print hides.
(() => {
  "use strict";
  for (const button of document.querySelectorAll("[data-print-page]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
})();
