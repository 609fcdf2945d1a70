/**
 * A small, safe YAML highlighter for compose files shown read-only. Line based: keys, comments, quoted
 * strings, numbers, booleans/null, anchors/aliases and document markers get a span; every character of the
 * input goes through escapeHtml, so hostile content can only ever appear as text. Pure.
 */
import { escapeHtml } from "./html.ts";

const span = (
  cls: string,
  text: string,
) => (text === "" ? "" : `<span class="y-${cls}">${escapeHtml(text)}</span>`);

const KEY = /^((?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#:"'\-?][^#:]*?|-[^\s#:][^#:]*?))(\s*:)(?=\s|$)/;
const SCALAR_KIND: Array<[RegExp, string]> = [
  [/^(?:true|false|yes|no|on|off)$/i, "bool"],
  [/^(?:null|~)$/i, "null"],
  [/^[-+]?(?:\d[\d_]*(?:\.\d*)?(?:e[-+]?\d+)?|\.\d+|0x[\da-f]+|0o[0-7]+)$/i, "num"],
  [/^["'].*["']$/s, "str"],
  [/^[&*][^\s]+$/, "anchor"],
];

/** Highlights a whole file; the result is HTML-safe text for a `<pre><code>`. */
export function highlightYaml(text: string): string {
  return text.split("\n").map(highlightLine).join("\n");
}

export function highlightLine(line: string): string {
  if (/^(---|\.\.\.)\s*$/.test(line)) return span("doc", line);
  const indent = /^\s*/.exec(line)?.[0] ?? "";
  let rest = line.slice(indent.length);
  let out = escapeHtml(indent);
  if (rest.startsWith("#")) return out + span("comment", rest);
  const dash = /^-(?:\s+|$)/.exec(rest);
  if (dash) {
    out += span("punct", "-") + escapeHtml(dash[0].slice(1));
    rest = rest.slice(dash[0].length);
  }
  const key = KEY.exec(rest);
  if (key && key[1] !== undefined && key[2] !== undefined) {
    out += span("key", key[1]) + escapeHtml(key[2].slice(0, -1)) + span("punct", ":");
    rest = rest.slice(key[0].length);
  }
  return out + highlightValue(rest);
}

/** A value with an optional trailing comment (`# …` after whitespace, outside quotes). */
function highlightValue(text: string): string {
  const at = commentStart(text);
  const value = at < 0 ? text : text.slice(0, at);
  const comment = at < 0 ? "" : text.slice(at);
  const lead = /^\s*/.exec(value)?.[0] ?? "";
  const trail = /\s*$/.exec(value.slice(lead.length))?.[0] ?? "";
  const core = value.slice(lead.length, value.length - trail.length);
  const kind = SCALAR_KIND.find(([re]) => re.test(core))?.[1];
  const coreHtml = core === ""
    ? ""
    : kind
    ? span(kind, core)
    : /^[|>][-+0-9]*$/.test(core)
    ? span("punct", core)
    : escapeHtml(core);
  return escapeHtml(lead) + coreHtml + escapeHtml(trail) + span("comment", comment);
}

function commentStart(text: string): number {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote !== null) {
      if (ch === "\\" && quote === '"') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") {
      if (i === 0 || /\s/.test(text[i - 1] ?? "")) quote = ch;
    } else if (ch === "#" && (i === 0 || /\s/.test(text[i - 1] ?? ""))) return i;
  }
  return -1;
}
