// arr-mcp dashboard live updates (same-origin, no dependencies). The page is complete without this script;
// every 10 s it reads /api/status with the session cookie and updates the container metrics in place. When
// the set of containers or any problem changes it reloads, so the server renders the new structure.
"use strict";
(function () {
  const INTERVAL_MS = 10000;
  const source = document.body.dataset.live;
  if (!source) return;

  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  function bytes(n) {
    if (n === null || n === undefined || !isFinite(n) || n < 0) return "–";
    let v = n, u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return (u === 0 || v >= 100 ? String(Math.round(v)) : v.toFixed(1)) + " " + units[u];
  }
  function percent(v) {
    if (v === null || v === undefined || !isFinite(v)) return "–";
    return (v < 10 ? v.toFixed(1) : String(Math.round(v))) + "%";
  }
  function duration(ms) {
    if (ms === null || !isFinite(ms) || ms < 0) return "–";
    const s = Math.floor(ms / 1000);
    const parts = [[Math.floor(s / 86400), "d"], [Math.floor((s % 86400) / 3600), "h"], [
      Math.floor((s % 3600) / 60),
      "m",
    ], [s % 60, "s"]];
    const first = parts.findIndex((p) => p[0] > 0);
    if (first < 0) return "0s";
    return parts.slice(first, first + 2).filter((p) => p[0] > 0).map((p) => p[0] + p[1]).join(" ");
  }
  function uptime(c, now) {
    if (c.state !== "running" || !c.started_at) return null;
    const t = Date.parse(c.started_at);
    return isNaN(t) ? null : Math.max(0, now - t);
  }
  // `sort`: the cell's new data-sort value, so the table's sort (table_tools.js) uses current figures.
  function setText(row, field, text, sort) {
    const cell = row.querySelector('[data-field="' + field + '"]');
    if (!cell) return;
    if (cell.textContent !== text) cell.textContent = text;
    cell.dataset.sort = String(sort === null || sort === undefined ? -1 : sort);
  }
  function signature(status) {
    return JSON.stringify([
      status.runtime.available,
      status.helper.available,
      status.stacks_error,
      status.containers.map((c) => [c.id, c.state, c.problem, c.health]).sort(),
      status.stacks.map((s) => [s.name, s.state, s.problem]),
      status.disks.map((d) => [d.label, d.error, d.used_percent !== null && d.used_percent >= 90]),
    ]);
  }

  // The page was rendered from an earlier document: compare its rows' state and problem with the new one.
  function differsFromPage(status) {
    const rowDiffers = (row, item) =>
      row !== null && (row.dataset.state !== item.state || row.dataset.problem !== (item.problem || ""));
    return status.containers.some((c) =>
      rowDiffers(document.querySelector('tr[data-id="' + c.id + '"]'), c)
    ) ||
      status.stacks.some((s) =>
        rowDiffers(document.querySelector('tr[data-stack="' + CSS.escape(s.name) + '"]'), s)
      );
  }

  function setTime(field, iso) {
    const t = document.querySelector('[data-field="' + field + '"]');
    if (!t || !iso) return;
    t.textContent = iso.slice(0, 19).replace("T", " ") + " UTC";
    t.setAttribute("datetime", iso);
    if (typeof globalThis.arrLocalTime === "function") globalThis.arrLocalTime(t.parentNode);
  }

  let baseline = null;
  function apply(status) {
    const now = Date.parse(status.arr_mcp.generated_at);
    const rows = document.querySelectorAll("tr[data-id]");
    const shown = new Set(Array.from(rows, (r) => r.dataset.id));
    const sig = signature(status);
    if (baseline === null) baseline = sig;
    if (
      sig !== baseline || shown.size !== status.containers.length ||
      status.containers.some((c) => !shown.has(c.id)) || differsFromPage(status)
    ) {
      location.reload();
      return;
    }
    const byId = new Map(status.containers.map((c) => [c.id, c]));
    rows.forEach((row) => {
      const c = byId.get(row.dataset.id);
      if (!c) return;
      const up = uptime(c, now);
      setText(row, "uptime", duration(up), up);
      setText(
        row,
        "restart_count",
        c.restart_count === null ? "–" : String(c.restart_count),
        c.restart_count,
      );
      setText(row, "cpu", percent(c.cpu_percent), c.cpu_percent);
      setText(row, "memory", bytes(c.memory_bytes), c.memory_bytes);
    });
    setTime("generated_at", status.arr_mcp.generated_at);
    if (status.stats_sample) setTime("stats_sampled_at", status.stats_sample.sampled_at);
    document.body.classList.remove("stale");
  }

  let timer = null;
  async function refresh() {
    timer = null;
    try {
      const res = await fetch(source, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        cache: "no-store",
      });
      if (res.status === 401) {
        location.reload();
        return;
      }
      if (!res.ok) throw new Error("HTTP " + res.status);
      apply(await res.json());
    } catch (_e) {
      document.body.classList.add("stale");
    }
    schedule();
  }
  function schedule() {
    if (timer === null && !document.hidden) timer = setTimeout(refresh, INTERVAL_MS);
  }
  document.addEventListener("visibilitychange", () => {
    if (document.hidden && timer !== null) {
      clearTimeout(timer);
      timer = null;
    } else if (!document.hidden) refresh();
  });
  schedule();
})();
