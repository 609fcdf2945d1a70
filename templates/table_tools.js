// arr-mcp dashboard: search and sort for the overview's container table (no dependencies). The filter matches
// every word against the row's data-search text; a header button sorts by the cells' data-sort values (numbers
// numerically), a second click reverses, a third restores the server's order (problems first). Both survive
// the live-update script's reloads (sessionStorage).
"use strict";
(function () {
  const table = document.getElementById("containers");
  const input = document.getElementById("container-search");
  if (!table || !input || !table.tBodies[0] || !table.tHead) return;
  const tbody = table.tBodies[0];
  const count = document.getElementById("container-search-count");
  const heads = Array.from(table.tHead.rows[0].cells);
  const original = Array.from(tbody.rows);
  const KEY = "arr-mcp.containers";
  let state = { q: "", key: null, dir: 1 };
  try {
    state = Object.assign(state, JSON.parse(sessionStorage.getItem(KEY) || "{}"));
  } catch (_e) { /* no storage: defaults */ }
  function save() {
    try {
      sessionStorage.setItem(KEY, JSON.stringify(state));
    } catch (_e) { /* no storage */ }
  }

  function filter() {
    const words = state.q.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const row of tbody.rows) {
      const hay = row.dataset.search || row.textContent.toLowerCase();
      const match = words.every((w) => hay.includes(w));
      row.hidden = !match;
      if (match) shown++;
    }
    if (count) count.textContent = words.length > 0 ? shown + " of " + tbody.rows.length + " shown" : "";
  }

  function value(row, index) {
    const cell = row.cells[index];
    const raw = cell ? (cell.dataset.sort ?? cell.textContent.trim()) : "";
    const n = Number(raw);
    return raw !== "" && !isNaN(n) ? n : raw.toLowerCase();
  }

  function sort() {
    heads.forEach((th) => th.removeAttribute("aria-sort"));
    const index = heads.findIndex((th) => th.dataset.sortKey === state.key);
    if (index < 0) {
      original.forEach((r) => tbody.appendChild(r));
      return;
    }
    heads[index].setAttribute("aria-sort", state.dir > 0 ? "ascending" : "descending");
    const rows = Array.from(tbody.rows);
    rows.sort((a, b) => {
      const x = value(a, index), y = value(b, index);
      const d = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      return d * state.dir;
    });
    rows.forEach((r) => tbody.appendChild(r));
  }

  heads.forEach((th) => {
    if (!th.dataset.sortKey) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.textContent = th.textContent;
    button.title = "Sort by " + th.textContent.toLowerCase();
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", () => {
      if (state.key !== th.dataset.sortKey) {
        state.key = th.dataset.sortKey;
        state.dir = 1;
      } else if (state.dir > 0) state.dir = -1;
      else state.key = null;
      save();
      sort();
    });
  });

  input.value = state.q;
  input.addEventListener("input", () => {
    state.q = input.value;
    save();
    filter();
  });
  const tools = input.closest(".table-tools");
  if (tools) tools.hidden = false;
  sort();
  filter();
})();
