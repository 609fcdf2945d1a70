/**
 * Credential tools: credential_set (store a key/token/password, encrypted), credential_list (names and where
 * each comes from, never values) and credential_delete (destructive: confirm token).
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import {
  type Credential,
  CREDENTIAL_NAME_PATTERN,
  type CredentialName,
  isCredentialName,
} from "../clients/media/credential_fields.ts";
import { defineConfirmedTool } from "../toolkit/confirm_tool.ts";
import { defineTool } from "../toolkit/define_tool.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import { NULL } from "../toolkit/portable_schema.ts";
import { withMedia } from "./common.ts";

const serviceField = z.string().regex(CREDENTIAL_NAME_PATTERN).refine(isCredentialName, "control characters")
  .describe("Service or plex_user:<account>");
const secretText = z.string().min(1).max(512);

export function registerCredentialTools(server: McpServer, deps: ToolDeps): void {
  defineTool(server, deps, {
    name: "credential_set",
    title: "Store a service credential",
    description: "Stores a service's API key, token or username/password, encrypted. Ask the user for " +
      "it, never guess; an env variable such as SONARR_API_KEY still wins.",
    input: {
      service: serviceField,
      api_key: secretText.optional().describe("*arr apps, SABnzbd, qBittorrent 5.2+"),
      token: secretText.optional().describe("Plex"),
      username: secretText.optional().describe("qBittorrent"),
      password: secretText.optional().describe("qBittorrent"),
    },
    output: {
      service: z.string(),
      stored: z.boolean(),
      fields: z.array(z.string()),
      effective_source: z.enum(["env", "store"]),
      note: z.string().or(NULL),
    },
    access: "write",
    idempotent: true,
    run: withMedia(deps, async (media, args) => {
      const service = args.service as CredentialName;
      const credential: Credential = {};
      if (args.api_key !== undefined) credential.apiKey = args.api_key;
      if (args.token !== undefined) credential.token = args.token;
      if (args.username !== undefined) credential.username = args.username;
      if (args.password !== undefined) credential.password = args.password;
      const stored = await media.credentials.set(service, credential);
      if (!stored.ok) return { ok: false, error: { kind: stored.error.kind, message: stored.error.message } };
      const list = await media.credentials.list();
      const info = list.ok ? list.value.find((i) => i.service === service) : undefined;
      const shadowed = info?.source === "env";
      return {
        ok: true,
        value: {
          service,
          stored: true,
          fields: Object.keys(credential).sort(),
          effective_source: shadowed ? "env" as const : "store" as const,
          note: shadowed
            ? `${
              info?.envVars.join("/")
            } is set in the environment and takes precedence over the stored value`
            : null,
        },
      };
    }),
  });

  defineTool(server, deps, {
    name: "credential_list",
    title: "List service credentials",
    description: "Which media services have a credential and where it comes from (env or the encrypted " +
      "store); never values.",
    input: {},
    output: {
      credentials: z.array(z.object({
        service: z.string(),
        source: z.enum(["env", "store", "none"]),
        fields: z.array(z.string()),
        env_vars: z.array(z.string()),
        shadowed: z.boolean(),
      })),
      store: z.string(),
      secret_source: z.string(),
    },
    access: "read",
    idempotent: true,
    run: withMedia(deps, async (media) => {
      const list = await media.credentials.list();
      if (!list.ok) return { ok: false, error: { kind: list.error.kind, message: list.error.message } };
      return {
        ok: true,
        value: {
          credentials: list.value.map((i) => ({
            service: i.service,
            source: i.source,
            fields: i.fields,
            env_vars: i.envVars,
            shadowed: i.shadowed,
          })),
          store: media.credentials.location,
          secret_source: media.secret.source === "env"
            ? "ARR_MCP_SECRET"
            : `file ${media.secret.path ?? "(unknown)"} (generated; set ARR_MCP_SECRET to keep it elsewhere)`,
        },
      };
    }),
  });

  defineConfirmedTool(server, deps, {
    name: "credential_delete",
    title: "Delete a stored service credential",
    description: "Removes a media service's stored credential (env variables stay).",
    destructiveWhen: "if one is stored",
    input: { service: serviceField },
    output: { service: z.string(), deleted: z.boolean() },
    idempotent: true,
    plan: withMedia(deps, async (media, args) => {
      const list = await media.credentials.list();
      if (!list.ok) return { ok: false, error: { kind: list.error.kind, message: list.error.message } };
      const info = list.value.find((i) => i.service === args.service);
      const stored = info !== undefined && (info.source === "store" || info.shadowed);
      return {
        ok: true,
        value: {
          operation: { service: args.service, store: media.credentials.location, stored },
          summary: stored
            ? `Delete the stored ${args.service} credential from ${media.credentials.location}`
            : `No stored ${args.service} credential: nothing to delete`,
          details: {
            service: args.service,
            stored_fields: stored && info?.source === "store" ? info.fields : [],
            env_still_provides: info?.source === "env" ? info.envVars : [],
          },
          needsConfirmation: stored,
        },
      };
    }),
    execute: withMedia(deps, async (media, operation: { service: string }) => {
      const deleted = await media.credentials.delete(operation.service as CredentialName);
      if (!deleted.ok) {
        return { ok: false, error: { kind: deleted.error.kind, message: deleted.error.message } };
      }
      return { ok: true, value: { service: operation.service, deleted: deleted.value.deleted } };
    }),
  });
}
