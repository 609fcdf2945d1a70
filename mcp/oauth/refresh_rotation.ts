/**
 * The refresh-token state machine (OAuth 2.1 §4.3.1, RFC 9700 §4.14.2). Every refresh token belongs to a grant
 * (its family). Presenting an `active` one rotates it: it becomes `rotated` and a new pair is issued. Presenting
 * a `rotated` one again is a replay: someone holds a copy, so the whole family is revoked. Pure.
 */

export type RefreshState = "active" | "rotated";

export interface RefreshFacts {
  state: RefreshState;
  expiresAt: number;
  /** The grant (family) the token belongs to. */
  clientId: string;
  grantRevoked: boolean;
}

export type RefreshDecision =
  | { action: "rotate" }
  | { action: "revoke_family"; reason: string }
  | { action: "refuse"; reason: string };

export function decideRefresh(
  token: RefreshFacts | undefined,
  request: { clientId: string; now: number },
): RefreshDecision {
  if (token === undefined) return { action: "refuse", reason: "Unknown refresh token" };
  if (token.clientId !== request.clientId) {
    return { action: "refuse", reason: "Refresh token was issued to another client" };
  }
  if (token.grantRevoked) return { action: "refuse", reason: "Refresh token was revoked" };
  if (token.state === "rotated") {
    return { action: "revoke_family", reason: "Refresh token was already used: the grant is revoked" };
  }
  if (token.expiresAt <= request.now) return { action: "refuse", reason: "Refresh token expired" };
  return { action: "rotate" };
}
