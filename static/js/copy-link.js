// One-click copy of a share link. Without this script the button stays hidden and the link is
// selectable text in a read-only field with a label, so it can still be copied by hand.
(() => {
  "use strict";

  async function copy(input) {
    input.focus();
    input.select();
    // The clipboard API needs a secure context (https or localhost); the intranet may be plain
    // http, where the older copy command still works on the selected text.
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(input.value);
    } else if (!document.execCommand("copy")) {
      throw new Error("copy refused");
    }
  }

  for (const button of document.querySelectorAll("[data-copy-link]")) {
    const input = document.getElementById(button.dataset.copyLink);
    const status = document.getElementById(button.dataset.copyStatus);
    if (!input || !status) {
      continue;
    }
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await copy(input);
        status.textContent = "De link is gekopieerd.";
      } catch {
        status.textContent = "Kopiëren lukte niet. De link is geselecteerd: kopieer hem met Ctrl+C.";
      }
    });
  }
})();
