/**
 * oauth_clients_list (read) and oauth_client_revoke (destructive: confirm token): the OAuth clients (Claude.ai,
 * Claude Desktop …) and their grants. Registered only with OAuth on. Never shows a token.
 */
import { z } from "zod";
import type { Clock } from "../core/clock.ts";
import { defineConfirmedTool } from "../toolkit/confirm_tool.ts";
import { defineTool } from "../toolkit/define_tool.ts";
import type { RegisterFamily } from "../toolkit/family.ts";
import { NULL } from "../toolkit/portable_schema.ts";
import type { ClientRecord, OAuthStore } from "./store.ts";

const iso = (ms: number) => new Date(ms).toISOString();

function clientView(store: OAuthStore, c: ClientRecord) {
  return {
    client_id: c.clientId,
    kind: c.kind,
    name: c.name,
    redirect_uris: c.redirectUris,
    created_at: iso(c.createdAt),
    grants: store.listGrants(c.clientId).map((g) => ({
      grant_id: g.grantId,
      scopes: g.scopes,
      created_at: iso(g.createdAt),
      last_used_at: iso(g.lastUsedAt),
      revoked_at: g.revokedAt === null ? null : iso(g.revokedAt),
    })),
  };
}

const grantSchema = z.object({
  grant_id: z.string(),
  scopes: z.array(z.string()),
  created_at: z.string(),
  last_used_at: z.string(),
  revoked_at: z.string().or(NULL),
});

const clientSchema = z.object({
  client_id: z.string(),
  kind: z.enum(["dcr", "cimd"]),
  name: z.string(),
  redirect_uris: z.array(z.string()),
  created_at: z.string(),
  grants: z.array(grantSchema),
});

export function oauthToolsFamily(store: OAuthStore, clock: Clock): RegisterFamily {
  return (server, deps) => {
    defineTool(server, deps, {
      name: "oauth_clients_list",
      title: "List OAuth clients",
      description: "OAuth clients (Claude.ai, Claude Desktop …) and their grants: scopes, last use, revoked.",
      input: {},
      output: { clients: z.array(clientSchema) },
      access: "read",
      idempotent: true,
      run: () =>
        Promise.resolve({
          ok: true,
          value: { clients: store.listClients().map((c) => clientView(store, c)) },
        }),
    });

    defineConfirmedTool(server, deps, {
      name: "oauth_client_revoke",
      title: "Revoke an OAuth client",
      description: "Ends every grant of an OAuth client and forgets it; it must ask for consent again.",
      input: { client_id: z.string().min(1).max(2048).describe("From oauth_clients_list") },
      output: { client_id: z.string(), grants_revoked: z.number() },
      idempotent: true,
      plan(args) {
        const client = store.getClient(args.client_id);
        if (client === undefined) {
          return Promise.resolve({
            ok: false,
            error: { kind: "not_found", message: `No OAuth client "${args.client_id.slice(0, 200)}"` },
          });
        }
        const active = store.listGrants(client.clientId).filter((g) => g.revokedAt === null).map((g) =>
          g.grantId
        );
        return Promise.resolve({
          ok: true,
          value: {
            operation: { client_id: client.clientId, grants: active },
            summary: `Revoke OAuth client "${client.name}" (${active.length} active grant(s))`,
            details: { client: clientView(store, client) },
            needsConfirmation: true,
          },
        });
      },
      execute(op: { client_id: string; grants: string[] }) {
        for (const id of op.grants) store.revokeGrant(id, clock.now());
        store.deleteClient(op.client_id);
        return Promise.resolve({
          ok: true,
          value: { client_id: op.client_id, grants_revoked: op.grants.length },
        });
      },
    });
  };
}
