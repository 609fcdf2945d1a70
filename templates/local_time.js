// arr-mcp dashboard: shows every <time data-local> in the viewer's local time (the title keeps UTC, as the
// server rendered it). Runs on every page; the live-update script calls arrLocalTime() after it changes a time.
"use strict";
(function () {
  function localise(root) {
    (root || document).querySelectorAll("time[data-local][datetime]").forEach((el) => {
      const t = Date.parse(el.getAttribute("datetime"));
      if (isNaN(t)) return;
      const utc = new Date(t).toISOString().slice(0, 19).replace("T", " ") + " UTC";
      el.textContent = new Date(t).toLocaleString(undefined, {
        year: "numeric",
        month: "short",
        day: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      });
      el.title = utc;
    });
  }
  globalThis.arrLocalTime = localise;
  localise(document);
})();
