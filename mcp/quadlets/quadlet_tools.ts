/** Quadlet file tools through arr-helper: list, read, write, delete (in the service account's quadlet dir). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { QUADLET_TYPES, type QuadletType } from "../../shared/helper_protocol.ts";
import { QUADLET_MAX_CONTENT_BYTES } from "../../shared/limits.ts";
import { QUADLET_NAME_PATTERN } from "../../shared/names.ts";
import { err, ok, type Result } from "../../shared/result.ts";
import type { HelperClient } from "../clients/helper/helper_client.ts";
import { listQuadlets } from "../toolkit/quadlet_list.ts";
import { sha256Hex } from "../../shared/encoding.ts";
import { restoreRedacted, shownText } from "../fs/restore_redacted.ts";
import { defineConfirmedTool } from "../toolkit/confirm_tool.ts";
import { defineTool } from "../toolkit/define_tool.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import { helperOutput } from "../toolkit/helper_failure.ts";
import { NULL } from "../toolkit/portable_schema.ts";
import type { ToolFailure } from "../toolkit/tool_result.ts";
import { policyRefusal, policyReport, quadletVerdict } from "../toolkit/content_policy.ts";

const fileField = z.string().min(3).max(220).describe("Quadlet file NAME.TYPE, e.g. sonarr.container");

export interface QuadletRef {
  name: string;
  type: QuadletType;
  file: string;
}

/** `sonarr.container` → name sonarr, type container. */
export function parseQuadletFile(file: string): Result<QuadletRef, ToolFailure> {
  const dot = file.lastIndexOf(".");
  const type = QUADLET_TYPES.find((t) => t === file.slice(dot + 1));
  const name = file.slice(0, dot);
  if (dot <= 0 || type === undefined || !QUADLET_NAME_PATTERN.test(name)) {
    return err({
      kind: "invalid_argument",
      message: `Invalid quadlet file "${file}": expected NAME.TYPE with TYPE one of ${
        QUADLET_TYPES.join(", ")
      }`,
    });
  }
  return ok({ name, type, file });
}

/** The current content, or null when the file does not exist. */
async function currentContent(
  helper: HelperClient,
  ref: QuadletRef,
): Promise<Result<string | null, ToolFailure>> {
  const list = await listQuadlets(helper, ref.type);
  if (!list.ok) return list;
  if (!list.value.some((e) => e.name === ref.name && e.type === ref.type)) return ok(null);
  return helperOutput(
    `read ${ref.file}`,
    await helper.call("quadlet_read", { name: ref.name, type: ref.type }),
  );
}

export function registerQuadletTools(server: McpServer, deps: ToolDeps): void {
  const { helper } = deps;

  defineTool(server, deps, {
    name: "quadlet_list",
    title: "List quadlet files",
    description: "Lists the quadlet files in the service account's quadlet dir (NAME.container runs as " +
      "NAME.service).",
    input: { type: z.enum(QUADLET_TYPES).optional().describe("Only this type") },
    output: {
      quadlets: z.array(z.object({
        file: z.string(),
        name: z.string(),
        type: z.enum(QUADLET_TYPES),
        size: z.number(),
        modified: z.string().or(NULL),
      })),
    },
    access: "read",
    idempotent: true,
    run: async ({ type }: { type?: QuadletType | undefined }) => {
      const r = await listQuadlets(helper, type);
      return r.ok ? ok({ quadlets: r.value }) : r;
    },
  });

  defineTool(server, deps, {
    name: "quadlet_read",
    title: "Read a quadlet file",
    description: "Reads a quadlet file, secrets as [REDACTED].",
    input: { file: fileField },
    output: {
      file: z.string(),
      content: z.string(),
      redacted_values: z.number(),
      sha256: z.string(),
    },
    access: "read",
    idempotent: true,
    run: async ({ file }: { file: string }) => {
      const ref = parseQuadletFile(file);
      if (!ref.ok) return ref;
      const r = helperOutput(
        `read ${file}`,
        await helper.call("quadlet_read", { name: ref.value.name, type: ref.value.type }),
      );
      if (!r.ok) return r;
      const shown = shownText(r.value);
      return ok({ file, content: shown.text, redacted_values: shown.redacted, sha256: sha256Hex(r.value) });
    },
  });

  defineConfirmedTool(server, deps, {
    name: "quadlet_write",
    title: "Write a quadlet file",
    description: "Writes a quadlet file, checked by the generator and the content policy. Then " +
      "systemd_daemon_reload and systemd_start/restart NAME.service.",
    destructiveWhen: "when replacing a file or when the policy flags it",
    input: {
      file: fileField,
      content: z.string().min(1).max(QUADLET_MAX_CONTENT_BYTES).describe(
        "The whole file; [REDACTED] lines keep their real value",
      ),
    },
    output: { file: z.string(), sha256: z.string(), output: z.string() },
    idempotent: true,
    plan: async ({ file, content: given }: { file: string; content: string }) => {
      const ref = parseQuadletFile(file);
      if (!ref.ok) return ref;
      const current = await currentContent(helper, ref.value);
      if (!current.ok) return current;
      const restored = restoreRedacted(given, current.value);
      if (!restored.ok) return err({ kind: "invalid_argument", message: restored.error });
      const verdict = quadletVerdict(deps, restored.value, file);
      if (verdict.decision === "refuse") return err(policyRefusal(`Cannot write quadlet ${file}`, verdict));
      const exists = current.value !== null;
      return ok({
        operation: {
          ...ref.value,
          expectedSha256: exists ? sha256Hex(current.value ?? "") : null,
          content: restored.value,
        },
        summary: `${exists ? `Replace quadlet ${file}` : `Create quadlet ${file}`}\n${verdict.text}`,
        details: {
          file,
          exists,
          current: exists ? shownText(current.value ?? "").text : null,
          new: shownText(restored.value).text,
          policy: policyReport(verdict),
        },
        needsConfirmation: exists || verdict.decision === "confirm",
      });
    },
    execute: async (op: QuadletRef & { expectedSha256: string | null; content: string }) => {
      const current = await currentContent(helper, op);
      if (!current.ok) return current;
      if ((current.value === null ? null : sha256Hex(current.value)) !== op.expectedSha256) {
        return err({
          kind: "conflict",
          message: `Cannot write ${op.file}: it changed since the preview; ask for a new preview`,
        });
      }
      const r = helperOutput(
        `write ${op.file}`,
        await helper.call("quadlet_write", { name: op.name, type: op.type, content: op.content }),
      );
      return r.ok ? ok({ file: op.file, sha256: sha256Hex(op.content), output: r.value }) : r;
    },
  });

  defineConfirmedTool(server, deps, {
    name: "quadlet_delete",
    title: "Delete a quadlet file",
    description: "Deletes a quadlet file. systemd_stop its unit before, systemd_daemon_reload after.",
    input: { file: fileField },
    output: { file: z.string(), deleted: z.boolean(), output: z.string() },
    idempotent: false,
    plan: async ({ file }: { file: string }) => {
      const ref = parseQuadletFile(file);
      if (!ref.ok) return ref;
      const current = await currentContent(helper, ref.value);
      if (!current.ok) return current;
      if (current.value === null) return err({ kind: "not_found", message: `No quadlet file ${file}` });
      return ok({
        operation: { ...ref.value, sha256: sha256Hex(current.value) },
        summary: `Delete quadlet ${file}`,
        details: { file, content: shownText(current.value).text },
        needsConfirmation: true,
      });
    },
    execute: async (op: QuadletRef & { sha256: string }) => {
      const r = helperOutput(
        `delete ${op.file}`,
        await helper.call("quadlet_delete", { name: op.name, type: op.type }),
      );
      return r.ok ? ok({ file: op.file, deleted: true, output: r.value }) : r;
    },
  });
}
