/**
 * The one way templates build HTML: hono/html's tagged template, which escapes every interpolated value.
 * `page()` insists on a synchronous result: templates are pure functions of data, nothing in them awaits.
 */
import { html as honoHtml, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

export type Html = HtmlEscapedString;

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  const out = honoHtml(strings, ...values);
  if (out instanceof Promise) throw new Error("Cannot render a template: it produced a promise");
  return out;
}

/** Marks text that is already safe HTML (only for output of escapeHtml-based code such as the YAML highlighter). */
export const trusted = (safe: string): Html => raw(safe);

/** The final document text. */
export function page(doc: Html): string {
  return `<!doctype html>\n${doc.toString()}`;
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes the five HTML-significant characters. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}
