// deno-fmt-ignore-file -- the HTML inside the templates is laid out by hand
/**
 * The OAuth pages: the consent page the signed-in admin approves or denies a client on, the step that leads a
 * browser from the authorization request to it, and the error page for requests that cannot go back to the
 * client. Plain view data in, HTML out; every value is escaped.
 */
import { row } from "./components.ts";
import { html, page } from "./html.ts";
import { layout } from "./layout.ts";

export interface ConsentView {
  /** Where the form posts (the consent URL of this request). */
  action: string;
  csrf: string;
  clientName: string;
  clientId: string;
  /** `cimd`: the client id is the URL of its metadata document; `dcr`: registered here. */
  clientKind: "dcr" | "cimd";
  redirectUri: string;
  scopes: { name: string; meaning: string }[];
  /** Offer "Approve read-only" (the client asked for write). */
  canNarrow: boolean;
}

export function consentPage(v: ConsentView): string {
  const registration = v.clientKind === "cimd"
    ? html`client metadata document at <code>${v.clientId}</code>`
    : html`registered here as <code>${v.clientId}</code>`;
  const body = html`
    <section class="signin" aria-labelledby="consent-title">
      <h1 id="consent-title">Connect ${v.clientName}?</h1>
      <p>An application asks to use arr-mcp's tools on this server.</p>
      <dl class="detail">
        ${row("Client", v.clientName)}
        ${row("Identity", registration)}
        ${row("Returns to", html`<code>${v.redirectUri}</code>`)}
        ${row("Access", html`<ul>${v.scopes.map((s) => html`<li><code>${s.name}</code>: ${s.meaning}</li>`)}</ul>`)}
      </dl>
      <form method="post" action="${v.action}">
        <input type="hidden" name="csrf" value="${v.csrf}">
        <button type="submit" name="decision" value="approve">Approve</button>
        ${v.canNarrow ? html`<button type="submit" name="decision" value="approve_read">Approve read-only</button>` : ""}
        <button type="submit" name="decision" value="deny">Deny</button>
      </form>
      <p class="note">Approve only if you started this connection yourself. Revoke later with the
        <code>oauth_client_revoke</code> tool.</p>
    </section>
  `;
  return page(layout({ title: "Connect an application", current: "none", body, nav: false, referrer: "same-origin" }));
}

/** Shown while the browser follows the `Refresh` header to the consent page (a same-site navigation). */
export function consentContinuePage(url: string): string {
  const body = html`
    <section class="signin">
      <h1>Continue</h1>
      <p><a href="${url}">Continue to the consent page</a>.</p>
    </section>
  `;
  return page(layout({ title: "Continue", current: "none", body, nav: false }));
}

export function oauthErrorPage(title: string, message: string): string {
  const body = html`
    <section class="signin">
      <h1>${title}</h1>
      <p>${message}</p>
    </section>
  `;
  return page(layout({ title, current: "none", body, nav: false }));
}
