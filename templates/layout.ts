// deno-fmt-ignore-file -- the HTML inside the templates is laid out by hand
/** The page frame shared by every dashboard page: local CSS, optional local script, header and nav. */
import { type Html, html } from "./html.ts";

export const CSS_PATH = "/assets/dashboard.css";
export const JS_PATH = "/assets/dashboard.js";

/** The page scripts besides the live update (templates/*.js, served by mcp/dashboard/assets.ts). */
export type PageScript = "table_tools.js" | "log_view.js";

export interface LayoutOptions {
  title: string;
  /** Which nav entry is current. */
  current: "overview" | "services" | "stack" | "container" | "none";
  body: Html;
  /** Load the live-update script (pages work without it). @default false */
  live?: boolean;
  /** Further scripts from /assets/ (pages work without them); local_time.js is always loaded. @default [] */
  scripts?: readonly PageScript[];
  /** Show the nav (not on the sign-in page). @default true */
  nav?: boolean;
  /** Link the services page (only when the media-services layer is configured). @default false */
  services?: boolean;
  /**
   * The page's referrer policy. `same-origin` for a page with a POST form: under `no-referrer` browsers send
   * `Origin: null` with the post, which the Origin check refuses. @default "no-referrer"
   */
  referrer?: "no-referrer" | "same-origin";
}

/** What the nav offers, from the server's configuration. */
export interface PageNav {
  /** @default false */
  services?: boolean;
}

function navLink(href: string, label: string, current: boolean): Html {
  return current ? html`<a href="${href}" aria-current="page">${label}</a>` : html`<a href="${href}">${label}</a>`;
}

export function layout(o: LayoutOptions): Html {
  const nav = (o.nav ?? true)
    ? html`<nav aria-label="Main">${navLink("/", "Overview", o.current === "overview")}${
      o.services ? navLink("/services", "Services", o.current === "services") : ""
    }</nav>`
    : "";
  const files = ["local_time.js", ...(o.scripts ?? [])];
  const script = html`${o.live ? html`<script src="${JS_PATH}" defer></script>` : ""}${
    files.map((f) => html`<script src="/assets/${f}" defer></script>`)
  }`;
  const bodyAttrs = o.live ? html` data-live="/api/status"` : "";
  return html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="${o.referrer ?? "no-referrer"}">
<meta name="color-scheme" content="light dark">
<title>${o.title} · arr-mcp</title>
<link rel="stylesheet" href="${CSS_PATH}">
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
${script}
</head>
<body${bodyAttrs}>
<header class="top">
<a class="brand" href="/">arr-mcp</a>
${nav}
</header>
<main id="main">
${o.body}
</main>
</body>
</html>`;
}
