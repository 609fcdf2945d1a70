/**
 * What the OAuth server keeps: clients (registered by DCR, or seen through their metadata document), grants
 * (one per approval: the refresh-token family) and tokens, by their SHA-256 only. Synchronous, like
 * node:sqlite. Two versions: memory_store.ts (tests) and sqlite_store.ts (`oauth.db` in the data dir).
 */

export type ClientKind = "dcr" | "cimd";

export interface ClientRecord {
  clientId: string;
  kind: ClientKind;
  name: string;
  redirectUris: string[];
  createdAt: number;
}

export interface GrantRecord {
  grantId: string;
  clientId: string;
  scopes: string[];
  /** The audience of every token in this grant. */
  resource: string;
  createdAt: number;
  lastUsedAt: number;
  revokedAt: number | null;
}

export type TokenKind = "access" | "refresh";

export interface TokenRecord {
  /** sha256 hex of the token. */
  hash: string;
  kind: TokenKind;
  grantId: string;
  /** What this token may do: the grant's scopes, or fewer after a narrowing refresh. */
  scopes: string[];
  expiresAt: number;
  /** Refresh tokens: `rotated` once exchanged (kept for replay detection). Access tokens stay `active`. */
  state: "active" | "rotated";
}

export interface OAuthStore {
  putClient(client: ClientRecord): void;
  getClient(clientId: string): ClientRecord | undefined;
  listClients(): ClientRecord[];
  /** Removes the client, its grants and their tokens. */
  deleteClient(clientId: string): void;
  putGrant(grant: GrantRecord): void;
  getGrant(grantId: string): GrantRecord | undefined;
  listGrants(clientId: string): GrantRecord[];
  touchGrant(grantId: string, at: number): void;
  /** Every token of the grant stops working. */
  revokeGrant(grantId: string, at: number): void;
  putToken(token: TokenRecord): void;
  getToken(hash: string): TokenRecord | undefined;
  /** active → rotated; false when it was not active (a concurrent refresh won). */
  markRotated(hash: string): boolean;
  /** Drops tokens that expired before `before`. */
  pruneTokens(before: number): void;
  close(): void;
}
