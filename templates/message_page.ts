// deno-fmt-ignore-file -- the HTML inside the templates is laid out by hand
/** Sign-in (401) and not-found pages. They never echo what the visitor sent. */
import { type Html, html, page } from "./html.ts";
import { layout } from "./layout.ts";

export function unauthorizedPage(wrongKey: boolean): string {
  const body: Html = html`
    <section class="signin">
      <h1>Sign in</h1>
      <p>${wrongKey ? "That key is not valid." : "This dashboard needs the arr-mcp API key."}</p>
      <form method="get" action="">
        <label for="key">API key</label>
        <input id="key" name="key" type="password" autocomplete="current-password" required>
        <button type="submit">Open dashboard</button>
      </form>
      <p
        class="note">The key is exchanged for a session cookie and removed from the address bar. It is stored in the
    data dir as <code>api-key</code> or set with <code>ARR_MCP_API_KEY</code>.</p>
    </section>
  `;
  return page(layout({ title: "Sign in", current: "none", body, nav: false }));
}

export function notFoundPage(what: string): string {
  const body = html`
    <h1>Not found</h1>
    <p>${what}</p>
    <p><a href="/">Back to the overview</a></p>
  `;
  return page(layout({ title: "Not found", current: "none", body }));
}
