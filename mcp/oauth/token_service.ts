/**
 * Codes and tokens. Authorization codes live 60 s in memory, single use (a second use revokes the grant the
 * first one created, RFC 6749 §4.1.2). Access tokens (1 h) and refresh tokens (30 days, rotated on every use,
 * refresh_rotation.ts) are random, stored only as SHA-256, and bound to one grant, its client and its
 * audience (RFC 8707 `resource`).
 */
import { encodeBase64Url, sha256Hex } from "../../shared/encoding.ts";
import { err, ok, type Result } from "../../shared/result.ts";
import type { Clock } from "../core/clock.ts";
import type { AuthorizationRequest } from "./authorization_request.ts";
import { pkceMatches } from "./pkce.ts";
import { decideRefresh } from "./refresh_rotation.ts";
import { parseScopes, scopesWithin, scopeText } from "./scopes.ts";
import type { GrantRecord, OAuthStore } from "./store.ts";

export const ACCESS_TTL_MS = 60 * 60 * 1000;
export const REFRESH_TTL_MS = 30 * 24 * 60 * 60 * 1000;
export const CODE_TTL_MS = 60 * 1000;
/** last_used_at is written at most this often per grant. */
const TOUCH_EVERY_MS = 60 * 1000;

export interface TokenResponse {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  refresh_token: string;
  scope: string;
}

export interface TokenError {
  error: "invalid_request" | "invalid_grant" | "invalid_scope" | "invalid_target" | "invalid_client";
  error_description: string;
}

export interface VerifiedAccess {
  scopes: string[];
  clientId: string;
  grantId: string;
}

export interface TokenServiceOptions {
  store: OAuthStore;
  clock: Clock;
  /** The audience tokens are issued for and accepted with. */
  resource: string;
  accessTtlMs?: number;
  refreshTtlMs?: number;
  codeTtlMs?: number;
  /** Told when a replayed code or refresh token revoked a grant (a stolen copy is likely). */
  onReplay?: (grant: { grantId: string; clientId: string }, what: "code" | "refresh_token") => void;
}

interface CodeEntry {
  request: AuthorizationRequest;
  scopes: string[];
  expiresAt: number;
  /** Set once exchanged: a replay revokes this grant. */
  grantId?: string;
}

const randomToken = (prefix: string) =>
  `${prefix}${encodeBase64Url(crypto.getRandomValues(new Uint8Array(32)))}`;
const fail = (error: TokenError["error"], error_description: string) =>
  err<TokenError>({ error, error_description });

export function createTokenService(options: TokenServiceOptions) {
  const { store, clock } = options;
  const accessTtl = options.accessTtlMs ?? ACCESS_TTL_MS;
  const refreshTtl = options.refreshTtlMs ?? REFRESH_TTL_MS;
  const codeTtl = options.codeTtlMs ?? CODE_TTL_MS;
  const codes = new Map<string, CodeEntry>();

  function sweepCodes(now: number) {
    for (const [hash, c] of codes) if (c.expiresAt + codeTtl <= now) codes.delete(hash);
  }

  function issuePair(grant: GrantRecord, scopes: string[]): TokenResponse {
    const now = clock.now();
    store.pruneTokens(now);
    const access = randomToken("arr_at_");
    const refresh = randomToken("arr_rt_");
    store.putToken({
      hash: sha256Hex(access),
      kind: "access",
      grantId: grant.grantId,
      scopes,
      expiresAt: now + accessTtl,
      state: "active",
    });
    store.putToken({
      hash: sha256Hex(refresh),
      kind: "refresh",
      grantId: grant.grantId,
      scopes,
      expiresAt: now + refreshTtl,
      state: "active",
    });
    return {
      access_token: access,
      token_type: "Bearer",
      expires_in: Math.floor(accessTtl / 1000),
      refresh_token: refresh,
      scope: scopeText(scopes),
    };
  }

  return {
    /** After the admin approved: a one-time code for `request` with the `scopes` granted. */
    issueCode(request: AuthorizationRequest, scopes: string[]): string {
      const now = clock.now();
      sweepCodes(now);
      const code = randomToken("arr_ac_");
      codes.set(sha256Hex(code), { request, scopes, expiresAt: now + codeTtl });
      return code;
    },

    exchangeCode(p: Record<string, string>): Result<TokenResponse, TokenError> {
      const now = clock.now();
      const hash = sha256Hex(p.code ?? "");
      const entry = codes.get(hash);
      if (entry === undefined) return fail("invalid_grant", "Unknown or expired authorization code");
      if (entry.grantId !== undefined) {
        store.revokeGrant(entry.grantId, now);
        options.onReplay?.({ grantId: entry.grantId, clientId: entry.request.client.clientId }, "code");
        return fail("invalid_grant", "Authorization code was already used: its tokens are revoked");
      }
      if (entry.expiresAt <= now) {
        codes.delete(hash);
        return fail("invalid_grant", "Authorization code expired");
      }
      const r = entry.request;
      // Any mismatch spends the code: a guessed verifier gets one try.
      const refuse = (error: TokenError["error"], description: string) => {
        codes.delete(hash);
        return fail(error, description);
      };
      if (p.client_id !== r.client.clientId) {
        return refuse("invalid_grant", "Code was issued to another client");
      }
      if (p.redirect_uri !== r.redirectUri) return refuse("invalid_grant", "redirect_uri does not match");
      if (p.resource !== undefined && p.resource !== options.resource) {
        return refuse("invalid_target", `The only resource here is ${options.resource}`);
      }
      if (!pkceMatches(p.code_verifier ?? "", r.codeChallenge)) {
        return refuse("invalid_grant", "PKCE code_verifier does not match");
      }
      const grant: GrantRecord = {
        grantId: crypto.randomUUID(),
        clientId: r.client.clientId,
        scopes: entry.scopes,
        resource: options.resource,
        createdAt: now,
        lastUsedAt: now,
        revokedAt: null,
      };
      entry.grantId = grant.grantId;
      if (store.getClient(r.client.clientId) === undefined || r.client.kind === "cimd") {
        store.putClient({
          clientId: r.client.clientId,
          kind: r.client.kind,
          name: r.client.name,
          redirectUris: r.client.redirectUris,
          createdAt: store.getClient(r.client.clientId)?.createdAt ?? now,
        });
      }
      store.putGrant(grant);
      return ok(issuePair(grant, entry.scopes));
    },

    refresh(p: Record<string, string>): Result<TokenResponse, TokenError> {
      const now = clock.now();
      const hash = sha256Hex(p.refresh_token ?? "");
      const token = store.getToken(hash);
      const grant = token?.kind === "refresh" ? store.getGrant(token.grantId) : undefined;
      const decision = decideRefresh(
        token && grant
          ? {
            state: token.state,
            expiresAt: token.expiresAt,
            clientId: grant.clientId,
            grantRevoked: grant.revokedAt !== null,
          }
          : undefined,
        { clientId: p.client_id ?? "", now },
      );
      if (decision.action === "refuse") return fail("invalid_grant", decision.reason);
      if (decision.action === "revoke_family" || !store.markRotated(hash)) {
        store.revokeGrant(grant!.grantId, now);
        options.onReplay?.({ grantId: grant!.grantId, clientId: grant!.clientId }, "refresh_token");
        return fail("invalid_grant", "Refresh token was already used: the grant is revoked");
      }
      if (p.resource !== undefined && p.resource !== grant!.resource) {
        return fail("invalid_target", `The only resource here is ${grant!.resource}`);
      }
      let scopes = token!.scopes;
      if (p.scope !== undefined) {
        const asked = parseScopes(p.scope);
        if (!asked.ok || !scopesWithin(asked.value, scopes)) {
          return fail("invalid_scope", "A refresh may keep or narrow the scopes, never widen them");
        }
        scopes = asked.value;
      }
      store.touchGrant(grant!.grantId, now);
      return ok(issuePair(grant!, scopes));
    },

    /** RFC 7009: revoking either token of a grant ends the whole grant. Unknown tokens are ignored. */
    revoke(token: string, clientId: string | undefined): void {
      const found = store.getToken(sha256Hex(token));
      const grant = found && store.getGrant(found.grantId);
      if (!grant || (clientId !== undefined && clientId !== grant.clientId)) return;
      store.revokeGrant(grant.grantId, clock.now());
    },

    /** An access token for this audience, unexpired, of a grant still in force. */
    verifyAccess(token: string): Result<VerifiedAccess, string> {
      const now = clock.now();
      const found = store.getToken(sha256Hex(token));
      if (!found || found.kind !== "access") return err("Unknown token");
      if (found.expiresAt <= now) return err("Token expired");
      const grant = store.getGrant(found.grantId);
      if (!grant || grant.revokedAt !== null) return err("Token was revoked");
      if (grant.resource !== options.resource) return err("Token is for another audience");
      if (now - grant.lastUsedAt >= TOUCH_EVERY_MS) store.touchGrant(grant.grantId, now);
      return ok({ scopes: found.scopes, clientId: grant.clientId, grantId: grant.grantId });
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;
