/** The page frame shared by every dashboard page: local CSS, optional local script, header and nav. */
import { type Html, html } from "./html.ts";

export const CSS_PATH = "/assets/dashboard.css";
export const JS_PATH = "/assets/dashboard.js";

export interface LayoutOptions {
  title: string;
  /** Which nav entry is current. */
  current: "overview" | "stack" | "container" | "none";
  body: Html;
  /** Load the live-update script (pages work without it). @default false */
  live?: boolean;
  /** Show the nav (not on the sign-in page). @default true */
  nav?: boolean;
}

export function layout(o: LayoutOptions): Html {
  const navOn = o.nav ?? true;
  return html`
    <html lang="en">
      <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="referrer" content="no-referrer">
    <meta name="color-scheme" content="light dark">
    <title>${o.title} · arr-mcp</title>
    <link rel="stylesheet" href="${CSS_PATH}">
    ${o.live ? html`<script src="${JS_PATH}" defer></script>` : ""}
      </head>
      <body${o.live
        ? html`
          data-live="/api/status"
        `
        : ""}>
        <header class="top">
      <a class="brand" href="/">arr-mcp</a>
      ${navOn
        ? html`<nav aria-label="Main"><a href="/"${
          o.current === "overview"
            ? html`
              aria-current="page"
            `
            : ""
        }>Overview</a></nav>`
        : ""}
        </header>
        <main id="main">
    ${o.body}
        </main>
        </body>
        </html>
  `;
}
