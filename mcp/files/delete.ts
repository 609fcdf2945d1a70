/** file_delete: moves a file or directory into <root>/.arr-mcp-trash/ after confirmation (recoverable). */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { dirname } from "node:path";
import { z } from "zod";
import { isKeepArea, keepStamp, TRASH_DIR, trashPathFor } from "../fs/keep_dirs.ts";
import { entryType } from "../fs/list_dir.ts";
import { assertOwnedBy } from "../fs/ownership.ts";
import { protectionOf } from "../fs/protected_files.ts";
import { resolveEntry, type ScopeRoot } from "../fs/scope.ts";
import { defineConfirmedTool } from "../toolkit/confirm_tool.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import { fsOutcome, refuse } from "../toolkit/fs_outcome.ts";

/** A directory is deleted only when all of its entries (up to this many) are owned by the server. */
export const MAX_DELETE_ENTRIES = 10_000;

export interface DeleteOperation {
  path: string;
  rootPath: string;
  relative: string;
  type: "file" | "directory" | "symlink" | "other";
  entries: number;
  bytes: number;
}

async function checkTree(dir: string, uid: number, display: string) {
  let entries = 0;
  let bytes = 0;
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop()!;
    for await (const e of Deno.readDir(current)) {
      entries++;
      if (entries > MAX_DELETE_ENTRIES) {
        refuse(
          "too_large",
          `Cannot delete "${display}": more than ${MAX_DELETE_ENTRIES} entries; delete parts of it`,
        );
      }
      const full = `${current}/${e.name}`;
      const info = await Deno.lstat(full);
      const protection = info.isFile ? protectionOf(full) : undefined;
      if (protection?.kind === "database") {
        refuse("protected", `Cannot delete "${display}": it contains the service database "${full}"`);
      }
      assertOwnedBy(full, info.uid, uid, `delete "${display}" because of`);
      bytes += info.size;
      if (info.isDirectory) stack.push(full);
    }
  }
  return { entries, bytes };
}

async function planDelete(args: { path: string }, roots: readonly ScopeRoot[], uid: number) {
  const entry = await resolveEntry(args.path, roots);
  if (!entry.exists) refuse("not_found", `Cannot delete "${args.path}": no such file or directory`);
  if (isKeepArea(entry.relative)) {
    refuse(
      "protected",
      `Cannot delete "${args.path}": it is in the tools' backup or trash area (empty it by hand)`,
    );
  }
  const info = await Deno.lstat(entry.path);
  const type = entryType(info);
  const protection = type === "file" ? protectionOf(entry.path) : undefined;
  if (protection) refuse("protected", `Cannot delete "${args.path}": ${protection.reason}`);
  assertOwnedBy(args.path, info.uid, uid, "delete");
  const tree = type === "directory"
    ? await checkTree(entry.path, uid, args.path)
    : { entries: 0, bytes: info.size };
  const operation: DeleteOperation = {
    path: entry.path,
    rootPath: entry.root.path,
    relative: entry.relative,
    type,
    entries: tree.entries,
    bytes: tree.bytes,
  };
  const what = type === "directory"
    ? `directory "${entry.path}" (${tree.entries} entries, ${tree.bytes} bytes)`
    : type === "symlink"
    ? `symbolic link "${entry.path}" (the link only, not its target)`
    : `${type} "${entry.path}" (${info.size} bytes)`;
  return {
    operation,
    summary: `Move ${what} to ${entry.root.path}/${TRASH_DIR}/`,
    details: { path: entry.path, root: entry.root.label, type, entries: tree.entries, bytes: tree.bytes },
    needsConfirmation: true,
  };
}

async function executeDelete(op: DeleteOperation, deps: ToolDeps) {
  const target = trashPathFor(op.rootPath, op.relative, keepStamp(deps.clock.now()));
  await Deno.mkdir(`${op.rootPath}/${TRASH_DIR}`, { recursive: true, mode: 0o700 });
  await Deno.mkdir(dirname(target), { recursive: true, mode: 0o700 });
  try {
    await Deno.rename(op.path, target);
  } catch (e) {
    if ((e as { code?: string }).code === "EXDEV" || /cross-device/i.test((e as Error).message)) {
      refuse(
        "conflict",
        `Cannot delete "${op.path}": it is on another filesystem than the trash in ${op.rootPath}`,
      );
    }
    throw e;
  }
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
  uid: number,
): void {
  defineConfirmedTool(server, deps, {
    name: "file_delete",
    title: "Delete a file or directory (to trash)",
    description: "Deletes a file or directory in the allowed roots by moving it to <root>/.arr-mcp-trash/ " +
      "(restorable). Only the server's own files; databases, secret-bearing configs, key files and the roots " +
      "are refused.",
    input: {
      path: z.string().min(1).max(4096).describe("Absolute path"),
    },
    output: {
      path: z.string(),
      trashed_to: z.string(),
      restore_hint: z.string(),
    },
    idempotent: false,
    plan: (args: { path: string }) => fsOutcome(() => planDelete(args, roots, uid)),
    execute: (op: DeleteOperation) => fsOutcome(() => executeDelete(op, deps)),
  });
}
