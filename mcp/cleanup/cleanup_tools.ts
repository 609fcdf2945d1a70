/**
 * Watched-content cleanup (issue 17, docs/cleanup.md): watched_cleanup_preview (read), watched_cleanup_delete
 * (destructive, confirmed), interest_set (write) and interest_list (read). Plex watch state × Sonarr/Radarr,
 * joined by stable ids; any failed read offers nothing.
 */
import { z } from "zod";
import { formatBytes } from "../../templates/format.ts";
import { ok } from "../../shared/result.ts";
import type { PlexClient } from "../clients/media/plex.ts";
import type { ClientMap } from "../clients/media/registry.ts";
import { defineConfirmedTool } from "../toolkit/confirm_tool.ts";
import { defineTool, type ToolOutcome } from "../toolkit/define_tool.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { deleteOutput, interestKey, markOutput, previewOutput, ruleInput } from "./cleanup_schemas.ts";
import { chooseFiles, type CleanupOperation, deleteChosen, label } from "./delete_plan.ts";
import { episodeKey, seasonKey } from "./interest_key.ts";
import { withInterestStore } from "./interest_store.ts";
import { accountByName } from "./active_users.ts";
import { clientOf, noMedia, preview, previewAndRemember } from "./run_preview.ts";

export function registerCleanupTools(server: McpServer, deps: ToolDeps): void {
  defineTool(server, deps, {
    name: "watched_cleanup_preview",
    title: "Preview watched-content cleanup",
    description:
      "Watched episodes/movies that may go (Plex watch state × Sonarr/Radarr), protected ones and why, " +
      "unmatched Plex items. Changes nothing; delete with watched_cleanup_delete.",
    input: ruleInput,
    output: previewOutput,
    access: "read",
    idempotent: true,
    openWorld: true,
    run: async (args) => ok(await previewAndRemember(deps, args)),
  });

  defineConfirmedTool(server, deps, {
    name: "watched_cleanup_delete",
    title: "Delete watched files",
    description:
      "Unmonitors, then deletes chosen files of watched_cleanup_preview (same arguments); refuses " +
      "if one is no longer a candidate.",
    input: {
      ...ruleInput,
      file_ids: z.array(z.number().int().positive()).min(1).max(500).describe("Candidate file_ids"),
    },
    output: deleteOutput,
    idempotent: false,
    openWorld: true,
    plan: async (args) => {
      const current = await preview(deps, args);
      const chosen = chooseFiles(current, args.file_ids);
      if (!chosen.ok) return { ok: false, error: { kind: "conflict", message: chosen.error } };
      const byFile = new Map(current.candidates.map((c) => [c.file_id, c]));
      const bytes = chosen.value.items.reduce((n, i) => n + i.size_bytes, 0);
      return ok({
        operation: chosen.value,
        summary: `Unmonitor and delete ${chosen.value.items.length} watched file(s) in ${args.service}, ` +
          `${formatBytes(bytes)}`,
        details: {
          files: chosen.value.items.map((i) => {
            const c = byFile.get(i.file_id)!;
            return {
              what: label(c),
              path: i.path,
              size: formatBytes(i.size_bytes),
              watched_by: c.watched_by,
            };
          }),
        },
        needsConfirmation: true,
      });
    },
    execute: async (operation: CleanupOperation) => {
      const client = await deps.media?.registry.getClient(operation.service);
      if (client === undefined) return { ok: false, error: noMedia() };
      if (!client.ok) return { ok: false, error: { kind: client.error.kind, message: client.error.message } };
      const outcomes = operation.service === "sonarr"
        ? await deleteChosen({ service: "sonarr", client: client.value as ClientMap["sonarr"] }, operation)
        : await deleteChosen({ service: "radarr", client: client.value as ClientMap["radarr"] }, operation);
      const freed = outcomes.filter((o) => o.status === "deleted").reduce((n, o) => n + o.size_bytes, 0);
      deps.audit.record({
        callId: crypto.randomUUID(),
        tool: "watched_cleanup_delete",
        phase: "succeeded",
        args: { service: operation.service, file_ids: operation.items.map((i) => i.file_id) },
        detail: `freed ${freed} bytes: ${outcomes.map((o) => `${o.file_id} ${o.status}`).join(", ")}`,
      });
      return ok({ service: operation.service, freed_bytes: freed, outcomes });
    },
  });

  defineTool(server, deps, {
    name: "interest_set",
    title: "Mark a series, season, episode or movie keep/done",
    description:
      "A user's cleanup mark: keep (never clean), done (counts as watched), none. Inherited by seasons/episodes.",
    input: {
      user: z.string().min(1).max(200).describe("Plex account name"),
      key: interestKey,
      season: z.number().int().min(0).max(10000).optional().describe("Season (series)"),
      episode: z.number().int().min(0).max(100000).optional().describe("Episode (with season)"),
      state: z.enum(["keep", "done", "none"]).describe("none clears"),
    },
    output: { user: z.string(), key: z.string(), state: z.enum(["keep", "done", "none"]) },
    access: "write",
    idempotent: true,
    openWorld: true,
    run: async (args) => {
      if (args.episode !== undefined && args.season === undefined) {
        return { ok: false, error: { kind: "invalid", message: "An episode needs its season" } };
      }
      const account = await accountNamed(deps, args.user);
      if (!account.ok) return account;
      const key = args.season === undefined
        ? args.key
        : args.episode === undefined
        ? seasonKey(args.key, args.season)
        : episodeKey(args.key, args.season, args.episode);
      const stored = withInterestStore(
        deps.config.dataDir,
        (store) => store.set(account.value.id, key, args.state, deps.clock.now()),
      );
      if (!stored.ok) return { ok: false, error: { kind: "storage", message: stored.error } };
      return ok({ user: account.value.name, key, state: args.state });
    },
  });

  defineTool(server, deps, {
    name: "interest_list",
    title: "List keep/done marks",
    description: "Keep/done cleanup marks.",
    input: {},
    output: { marks: z.array(markOutput) },
    access: "read",
    idempotent: true,
    openWorld: true,
    run: async () => {
      const marks = withInterestStore(deps.config.dataDir, (store) => store.list());
      if (!marks.ok) return { ok: false, error: { kind: "storage", message: marks.error } };
      const names = await accountNames(deps);
      return ok({
        marks: marks.value.map((m) => ({
          user: names.get(m.accountId) ?? `account ${m.accountId}`,
          key: m.key,
          state: m.state,
          set_at: new Date(m.at).toISOString(),
        })),
      });
    },
  });
}

async function accountNamed(
  deps: ToolDeps,
  name: string,
): Promise<ToolOutcome<{ id: number; name: string }>> {
  const plex = await clientOf(deps, "plex");
  if (!plex.ok) return { ok: false, error: { kind: "unavailable", message: plex.error } };
  const accounts = await (plex.value as PlexClient).accounts();
  if (!accounts.ok) {
    return { ok: false, error: { kind: accounts.error.kind, message: accounts.error.message } };
  }
  const found = accountByName(accounts.value, name);
  return found === undefined
    ? { ok: false, error: { kind: "not_found", message: `No Plex account "${name.slice(0, 200)}"` } }
    : ok({ id: found.id, name: found.name ?? name });
}

async function accountNames(deps: ToolDeps): Promise<Map<number, string>> {
  const plex = await clientOf(deps, "plex");
  const accounts = plex.ok ? await plex.value.accounts() : undefined;
  return new Map(accounts?.ok ? accounts.value.map((a) => [a.id, a.name ?? `account ${a.id}`]) : []);
}
