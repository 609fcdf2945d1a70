// arr-mcp dashboard: the container page's live log (no dependencies). Reads the same-origin event stream
// (GET /containers/<name>/logs/stream, session cookie) into the log box: follow (keep scrolled to the end),
// pause (hold new lines), search, stdout/stderr filter and timestamps. The stream closes with the page.
"use strict";
(function () {
  const pre = document.getElementById("log-view");
  if (!pre || !pre.dataset.stream || typeof EventSource === "undefined") return;
  const code = pre.querySelector("code") || pre;
  const $ = (id) => document.getElementById(id);
  const tools = $("log-tools"), follow = $("log-follow"), pause = $("log-pause"), search = $("log-search");
  const streamSel = $("log-stream"), times = $("log-times"), state = $("log-state");
  const MAX_LINES = 5000;
  let paused = false, held = [], source = null, ended = false, replacing = false;

  function say(text) {
    if (state) state.textContent = text;
  }
  function matches(el) {
    const q = (search.value || "").toLowerCase();
    return q === "" || el.textContent.toLowerCase().includes(q);
  }
  function lineEl(l) {
    const el = document.createElement("span");
    el.className = "log-line log-" + (l.stream === "stderr" ? "stderr" : "stdout");
    if (l.time) {
      const t = document.createElement("time");
      t.className = "log-time";
      t.dateTime = l.time;
      const ms = Date.parse(l.time.replace(/(\.\d{3})\d+/, "$1"));
      t.textContent = isNaN(ms) ? l.time : new Date(ms).toLocaleTimeString();
      t.title = l.time;
      el.appendChild(t);
      el.appendChild(document.createTextNode(" "));
    }
    el.appendChild(document.createTextNode(l.text + "\n"));
    el.hidden = !matches(el);
    return el;
  }
  function append(lines) {
    const empty = $("log-empty");
    if (empty && lines.length > 0) empty.remove();
    const frag = document.createDocumentFragment();
    lines.forEach((l) => frag.appendChild(lineEl(l)));
    code.appendChild(frag);
    while (code.childNodes.length > MAX_LINES) code.removeChild(code.firstChild);
    if (follow.checked) pre.scrollTop = pre.scrollHeight;
  }
  function status() {
    if (ended) return;
    say(paused ? "paused · " + held.length + " new line" + (held.length === 1 ? "" : "s") : "live");
  }

  function open() {
    source = new EventSource(pre.dataset.stream);
    source.addEventListener("ready", () => {
      // The stream starts with the last lines again: they replace the server-rendered ones when the first
      // arrives, so the box never shows empty in between.
      replacing = true;
      held = [];
      status();
    });
    source.addEventListener("line", (e) => {
      const l = JSON.parse(e.data);
      if (replacing) {
        replacing = false;
        code.textContent = "";
      }
      if (paused) {
        held.push(l);
        if (held.length > MAX_LINES) held.shift();
      } else append([l]);
      status();
    });
    source.addEventListener("end", (e) => {
      const d = JSON.parse(e.data);
      ended = true;
      source.close();
      say(d.reason === "limit" ? "stopped after " + d.lines + " lines: reload to continue" : "log ended");
    });
    source.addEventListener("error", () => {
      if (!ended) {
        say(source.readyState === EventSource.CLOSED ? "disconnected: reload to retry" : "reconnecting…");
      }
    });
  }

  tools.hidden = false;
  pause.addEventListener("click", () => {
    paused = !paused;
    pause.setAttribute("aria-pressed", String(paused));
    pause.textContent = paused ? "Resume" : "Pause";
    if (!paused && held.length > 0) {
      append(held);
      held = [];
    }
    status();
  });
  follow.addEventListener("change", () => {
    if (follow.checked) pre.scrollTop = pre.scrollHeight;
  });
  pre.addEventListener("scroll", () => {
    // Scrolling up to read stops following; scrolling back to the end resumes it.
    follow.checked = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
  }, { passive: true });
  search.addEventListener("input", () => {
    code.querySelectorAll(".log-line").forEach((el) => el.hidden = !matches(el));
  });
  streamSel.addEventListener("change", () => {
    pre.classList.toggle("only-stdout", streamSel.value === "stdout");
    pre.classList.toggle("only-stderr", streamSel.value === "stderr");
  });
  times.addEventListener("change", () => pre.classList.toggle("no-times", !times.checked));
  globalThis.addEventListener("pagehide", () => source && source.close());
  pre.scrollTop = pre.scrollHeight;
  open();
})();
