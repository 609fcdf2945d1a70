/** The OAuth store in memory: the test fake, and the contract sqlite_store.ts follows. */
import type { ClientRecord, GrantRecord, OAuthStore, TokenRecord } from "./store.ts";

export function memoryOAuthStore(): OAuthStore {
  const clients = new Map<string, ClientRecord>();
  const grants = new Map<string, GrantRecord>();
  const tokens = new Map<string, TokenRecord>();
  const copy = <T>(v: T | undefined): T | undefined => (v === undefined ? undefined : structuredClone(v));
  return {
    putClient: (c) => void clients.set(c.clientId, structuredClone(c)),
    getClient: (id) => copy(clients.get(id)),
    listClients: () => [...clients.values()].map((c) => structuredClone(c)),
    deleteClient(id) {
      clients.delete(id);
      for (const g of [...grants.values()].filter((g) => g.clientId === id)) {
        grants.delete(g.grantId);
        for (const [hash, t] of tokens) if (t.grantId === g.grantId) tokens.delete(hash);
      }
    },
    putGrant: (g) => void grants.set(g.grantId, structuredClone(g)),
    getGrant: (id) => copy(grants.get(id)),
    listGrants: (clientId) =>
      [...grants.values()].filter((g) => g.clientId === clientId).map((g) => structuredClone(g)),
    touchGrant(id, at) {
      const g = grants.get(id);
      if (g) g.lastUsedAt = at;
    },
    revokeGrant(id, at) {
      const g = grants.get(id);
      if (g && g.revokedAt === null) g.revokedAt = at;
    },
    putToken: (t) => void tokens.set(t.hash, structuredClone(t)),
    getToken: (hash) => copy(tokens.get(hash)),
    markRotated(hash) {
      const t = tokens.get(hash);
      if (!t || t.state !== "active") return false;
      t.state = "rotated";
      return true;
    },
    pruneTokens(before) {
      for (const [hash, t] of tokens) if (t.expiresAt < before) tokens.delete(hash);
    },
    close() {},
  };
}
