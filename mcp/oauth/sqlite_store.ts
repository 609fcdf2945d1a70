/**
 * The OAuth store in SQLite (`oauth.db` in the data dir, node:sqlite as the audit log). Tokens are kept only
 * as their SHA-256; nothing in the file lets anyone call /mcp.
 */
import { DatabaseSync } from "node:sqlite";
import type { ClientKind, ClientRecord, GrantRecord, OAuthStore, TokenKind, TokenRecord } from "./store.ts";

export const OAUTH_DB_FILE = "oauth.db";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS clients (
  client_id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, redirect_uris TEXT NOT NULL,
  created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS grants (
  grant_id TEXT PRIMARY KEY, client_id TEXT NOT NULL, scopes TEXT NOT NULL, resource TEXT NOT NULL,
  created_at INTEGER NOT NULL, last_used_at INTEGER NOT NULL, revoked_at INTEGER);
CREATE INDEX IF NOT EXISTS grants_client ON grants(client_id);
CREATE TABLE IF NOT EXISTS tokens (
  hash TEXT PRIMARY KEY, kind TEXT NOT NULL, grant_id TEXT NOT NULL, scopes TEXT NOT NULL, expires_at INTEGER NOT NULL,
  state TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS tokens_grant ON tokens(grant_id);
`;

type Row = Record<string, unknown>;

const toClient = (r: Row): ClientRecord => ({
  clientId: String(r.client_id),
  kind: String(r.kind) as ClientKind,
  name: String(r.name),
  redirectUris: JSON.parse(String(r.redirect_uris)),
  createdAt: Number(r.created_at),
});

const toGrant = (r: Row): GrantRecord => ({
  grantId: String(r.grant_id),
  clientId: String(r.client_id),
  scopes: String(r.scopes).split(" ").filter((s) => s),
  resource: String(r.resource),
  createdAt: Number(r.created_at),
  lastUsedAt: Number(r.last_used_at),
  revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
});

const toToken = (r: Row): TokenRecord => ({
  hash: String(r.hash),
  kind: String(r.kind) as TokenKind,
  grantId: String(r.grant_id),
  scopes: String(r.scopes).split(" ").filter((s) => s),
  expiresAt: Number(r.expires_at),
  state: String(r.state) as TokenRecord["state"],
});

/** Opens (creating) the store at `path`; `":memory:"` works too. */
export function openSqliteOAuthStore(path: string): OAuthStore {
  const db = new DatabaseSync(path);
  db.exec("PRAGMA busy_timeout = 2000;");
  db.exec(SCHEMA);
  const q = (sql: string) => db.prepare(sql);
  const deleteTokensOfClient = q(
    "DELETE FROM tokens WHERE grant_id IN (SELECT grant_id FROM grants WHERE client_id = ?)",
  );
  const deleteGrantsOfClient = q("DELETE FROM grants WHERE client_id = ?");
  const deleteClient = q("DELETE FROM clients WHERE client_id = ?");
  return {
    putClient(c) {
      q(`INSERT INTO clients (client_id, kind, name, redirect_uris, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(client_id) DO UPDATE SET kind = excluded.kind, name = excluded.name,
         redirect_uris = excluded.redirect_uris`)
        .run(c.clientId, c.kind, c.name, JSON.stringify(c.redirectUris), c.createdAt);
    },
    getClient(id) {
      const r = q("SELECT * FROM clients WHERE client_id = ?").get(id) as Row | undefined;
      return r && toClient(r);
    },
    listClients: () =>
      (q("SELECT * FROM clients ORDER BY created_at, client_id").all() as Row[]).map(toClient),
    deleteClient(id) {
      db.exec("BEGIN IMMEDIATE");
      try {
        deleteTokensOfClient.run(id);
        deleteGrantsOfClient.run(id);
        deleteClient.run(id);
        db.exec("COMMIT");
      } catch (e) {
        db.exec("ROLLBACK");
        throw e;
      }
    },
    putGrant(g) {
      q(`INSERT OR REPLACE INTO grants (grant_id, client_id, scopes, resource, created_at, last_used_at, revoked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`)
        .run(g.grantId, g.clientId, g.scopes.join(" "), g.resource, g.createdAt, g.lastUsedAt, g.revokedAt);
    },
    getGrant(id) {
      const r = q("SELECT * FROM grants WHERE grant_id = ?").get(id) as Row | undefined;
      return r && toGrant(r);
    },
    listGrants: (clientId) =>
      (q("SELECT * FROM grants WHERE client_id = ? ORDER BY created_at, grant_id").all(clientId) as Row[])
        .map(toGrant),
    touchGrant: (id, at) => void q("UPDATE grants SET last_used_at = ? WHERE grant_id = ?").run(at, id),
    revokeGrant: (id, at) =>
      void q("UPDATE grants SET revoked_at = ? WHERE grant_id = ? AND revoked_at IS NULL").run(at, id),
    putToken(t) {
      q("INSERT INTO tokens (hash, kind, grant_id, scopes, expires_at, state) VALUES (?, ?, ?, ?, ?, ?)")
        .run(t.hash, t.kind, t.grantId, t.scopes.join(" "), t.expiresAt, t.state);
    },
    getToken(hash) {
      const r = q("SELECT * FROM tokens WHERE hash = ?").get(hash) as Row | undefined;
      return r && toToken(r);
    },
    markRotated: (hash) =>
      Number(
        q("UPDATE tokens SET state = 'rotated' WHERE hash = ? AND state = 'active'").run(hash).changes,
      ) === 1,
    pruneTokens: (before) => void q("DELETE FROM tokens WHERE expires_at < ?").run(before),
    close: () => db.close(),
  };
}
