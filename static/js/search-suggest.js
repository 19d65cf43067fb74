// Suggestions while typing in the search boxes. Without this script every box is a plain GET
// form and works the same; with it, a native <datalist> offers the suggestions, so keyboard and
// screen-reader use is the browser's own and no custom widget is needed.
(() => {
  "use strict";

  const DELAY_MS = 150;

  function enhance(input) {
    const endpoint = input.form && input.form.dataset.suggesties;
    if (!endpoint || !input.id || !window.AbortController) {
      return;
    }
    const list = document.createElement("datalist");
    list.id = `${input.id}-suggesties`;
    input.after(list);
    input.setAttribute("list", list.id);

    let timer = null;
    let controller = null;
    let latest = 0;

    const show = (suggestions) => {
      list.replaceChildren(
        ...suggestions.map((text) => {
          const option = document.createElement("option");
          option.value = text;
          return option;
        }),
      );
    };

    const cancel = () => {
      clearTimeout(timer);
      if (controller) {
        controller.abort();
      }
    };

    const load = () => {
      const query = input.value.trim();
      if (query.length < 2) {
        show([]);
        return;
      }
      controller = new AbortController();
      // Only the answer for what is in the box now may fill the list; the counter keeps that
      // true even where an abort comes too late to stop a request.
      const request = ++latest;
      const url = `${endpoint}?${new URLSearchParams({ q: query })}`;
      fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? response.json() : { suggestions: [] }))
        .then((data) => {
          if (request === latest && Array.isArray(data.suggestions)) {
            show(data.suggestions.filter((text) => typeof text === "string"));
          }
        })
        // Aborted, offline or a server error: the box just goes on without suggestions.
        .catch(() => {});
    };

    input.addEventListener("input", (event) => {
      cancel();
      // Picking a suggestion fires "input" too (without an inputType in Chromium, as
      // insertReplacementText in Firefox); fetching again would only reopen the list the user
      // just closed. Emptying the box (also with its clear button) does clear the list.
      const picked = !event.inputType || event.inputType === "insertReplacementText";
      if (picked && input.value) {
        return;
      }
      timer = setTimeout(load, DELAY_MS);
    });
  }

  document.querySelectorAll(".search-form input[name=q]").forEach(enhance);
})();
