/** file_delete: moves a file or directory into <root>/.arr-mcp-trash/ after confirmation (recoverable). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { TRASH_DIR } from "../fs/keep_dirs.ts";
import { entryType } from "../fs/list_dir.ts";
import type { FsPort, TrashGuard } from "../fs/port.ts";
import { protectionOf } from "../fs/protected_files.ts";
import type { ScopeRoot } from "../fs/scope.ts";
import { defineConfirmedTool } from "../toolkit/confirm_tool.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import { fsOutcome } from "../toolkit/fs_outcome.ts";

export interface DeleteOperation {
  path: string;
  rootPath: string;
  relative: string;
  type: "file" | "directory" | "symlink" | "other";
  entries: number;
  bytes: number;
}

/** Service databases are never deleted, not even inside a folder; other protected files only by hand. */
const guard: TrashGuard = (path, info, top) => {
  const protection = info.isFile && !info.isSymlink ? protectionOf(path) : undefined;
  if (top) return protection?.reason ?? null;
  return protection?.kind === "database" ? `it contains the service database "${path}"` : null;
};

async function planDelete(args: { path: string }, roots: readonly ScopeRoot[], fs: FsPort) {
  const plan = await fs.trashable(args.path, roots, guard);
  const entry = plan.located;
  const info = entry.info as Deno.FileInfo;
  const type = entryType(info);
  const operation: DeleteOperation = {
    path: entry.path,
    rootPath: entry.root.path,
    relative: entry.relative,
    type,
    entries: plan.entries,
    bytes: plan.bytes,
  };
  const what = type === "directory"
    ? `directory "${entry.path}" (${plan.entries} entries, ${plan.bytes} bytes)`
    : type === "symlink"
    ? `symbolic link "${entry.path}" (the link only, not its target)`
    : `${type} "${entry.path}" (${info.size} bytes)`;
  return {
    operation,
    summary: `Move ${what} to ${entry.root.path}/${TRASH_DIR}/`,
    details: { path: entry.path, root: entry.root.label, type, entries: plan.entries, bytes: plan.bytes },
    needsConfirmation: true,
  };
}

async function executeDelete(op: DeleteOperation, roots: readonly ScopeRoot[], fs: FsPort) {
  const target = await fs.trash(op.path, roots, guard);
  return {
    path: op.path,
    trashed_to: target,
    restore_hint: `To restore, move "${target}" back to "${op.path}"`,
  };
}

export function defineFileDelete(
  server: McpServer,
  deps: ToolDeps,
  roots: readonly ScopeRoot[],
): void {
  defineConfirmedTool(server, deps, {
    name: "file_delete",
    title: "Delete a file or directory (to trash)",
    description: "Moves a file or directory in the allowed roots to <root>/.arr-mcp-trash/ (restorable). " +
      "Only the server's own files; databases, secret configs, keys and the roots are refused.",
    input: {
      path: z.string().min(1).max(4096).describe("Absolute path"),
    },
    output: {
      path: z.string(),
      trashed_to: z.string(),
      restore_hint: z.string(),
    },
    idempotent: false,
    plan: (args: { path: string }) => fsOutcome(() => planDelete(args, roots, deps.fs)),
    execute: (op: DeleteOperation) => fsOutcome(() => executeDelete(op, roots, deps.fs)),
  });
}
