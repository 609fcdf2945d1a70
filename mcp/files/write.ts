/** file_write: atomic writes inside the roots; overwriting goes through the confirm flow and keeps a backup. */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { dirname } from "node:path";
import { z } from "zod";
import { writeFileAtomic } from "../../shared/atomic_write.ts";
import { looksBinary } from "../fs/binary.ts";
import { backupPathFor, isKeepArea, keepStamp } from "../fs/keep_dirs.ts";
import { assertOwnedBy } from "../fs/ownership.ts";
import { protectionOf } from "../fs/protected_files.ts";
import { REDACTED, redactSecrets } from "../core/redact_secrets.ts";
import { resolveEntry, type ScopeRoot } from "../fs/scope.ts";
import { defineConfirmedTool } from "../toolkit/confirm_tool.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import { fsOutcome, MAX_WRITE_BYTES, refuse, sha256Hex } from "../toolkit/fs_outcome.ts";
import { summarizeChange } from "../fs/text_diff.ts";

/** Everything the write will do; the confirm token is bound to it (so a file changed since the preview fails). */
export interface WriteOperation {
  path: string;
  rootPath: string;
  relative: string;
  content: string;
  sha256: string;
  /** sha256 of the file being replaced, or null when it is created. */
  previousSha256: string | null;
}

const enc = new TextEncoder();

async function planWrite(args: { path: string; content: string }, roots: readonly ScopeRoot[], uid: number) {
  const bytes = enc.encode(args.content);
  if (bytes.length > MAX_WRITE_BYTES) {
    refuse(
      "too_large",
      `Cannot write "${args.path}": content is ${bytes.length} bytes, over ${MAX_WRITE_BYTES}`,
    );
  }
  if (args.content.includes(REDACTED)) {
    refuse(
      "conflict",
      `Cannot write "${args.path}": content contains ${REDACTED} placeholders from a redacted read, which would ` +
        "replace real secrets; keep secrets in the stack's .env file (edited by hand) and write the rest",
    );
  }
  const entry = await resolveEntry(args.path, roots);
  if (isKeepArea(entry.relative)) {
    refuse("protected", `Cannot write "${args.path}": it is in the tools' backup or trash area`);
  }
  const protection = protectionOf(entry.path);
  if (protection) refuse("protected", `Cannot write "${args.path}": ${protection.reason}`);
  let previous: { sha256: string; text: string | null; size: number } | null = null;
  if (entry.exists) {
    const info = await Deno.lstat(entry.path);
    if (info.isSymlink) {
      refuse(
        "invalid_path",
        `Cannot write "${args.path}": it is a symbolic link; write to the path it points to`,
      );
    }
    if (!info.isFile) refuse("invalid_path", `Cannot write "${args.path}": not a regular file`);
    assertOwnedBy(args.path, info.uid, uid, "overwrite");
    const old = await Deno.readFile(entry.path);
    previous = {
      sha256: await sha256Hex(old),
      text: looksBinary(old) ? null : new TextDecoder().decode(old),
      size: old.length,
    };
  } else {
    const parent = await Deno.stat(dirname(entry.path));
    assertOwnedBy(dirname(entry.path), parent.uid, uid, "create a file in");
  }
  const operation: WriteOperation = {
    path: entry.path,
    rootPath: entry.root.path,
    relative: entry.relative,
    content: args.content,
    sha256: await sha256Hex(bytes),
    previousSha256: previous?.sha256 ?? null,
  };
  const changed = previous === null || previous.sha256 !== operation.sha256;
  const change = previous?.text != null
    ? summarizeChange(redactSecrets(previous.text).text, args.content)
    : null;
  return {
    operation,
    summary: previous === null
      ? `Create "${entry.path}" (${bytes.length} bytes)`
      : changed
      ? `Overwrite "${entry.path}" (${previous.size} → ${bytes.length} bytes); the old version is kept as a backup`
      : `"${entry.path}" already has exactly this content; nothing to do`,
    details: {
      path: entry.path,
      root: entry.root.label,
      exists: previous !== null,
      size_before: previous?.size ?? null,
      size_after: bytes.length,
      backup_dir: previous ? `${entry.root.path}/.arr-mcp-backups/` : null,
      change: change ?? (previous ? "previous content is binary" : "new file"),
    },
    needsConfirmation: previous !== null && changed,
  };
}

async function executeWrite(op: WriteOperation, deps: ToolDeps) {
  if (op.previousSha256 === op.sha256) {
    return {
      path: op.path,
      created: false,
      changed: false,
      bytes_written: 0,
      sha256: op.sha256,
      backup_path: null,
    };
  }
  if (op.previousSha256 === null && await Deno.lstat(op.path).then(() => true, () => false)) {
    refuse(
      "conflict",
      `Cannot create "${op.path}": it appeared in the meantime; call file_write again for a preview`,
    );
  }
  let backup: string | null = null;
  if (op.previousSha256 !== null) {
    backup = backupPathFor(op.rootPath, op.relative, keepStamp(deps.clock.now()));
    await Deno.mkdir(dirname(backup), { recursive: true, mode: 0o700 });
    await Deno.copyFile(op.path, backup);
  }
  const bytes = enc.encode(op.content);
  await writeFileAtomic(op.path, bytes);
  return {
    path: op.path,
    created: op.previousSha256 === null,
    changed: true,
    bytes_written: bytes.length,
    sha256: op.sha256,
    backup_path: backup,
  };
}

export function defineFileWrite(
  server: McpServer,
  deps: ToolDeps,
  roots: readonly ScopeRoot[],
  uid: number,
): void {
  defineConfirmedTool(server, deps, {
    name: "file_write",
    title: "Write a text file",
    description:
      "Write a UTF-8 text file inside the allowed roots (e.g. a compose.yaml in the stacks dir). The " +
      "write is atomic (temp file + rename). Creating a new file happens at once; replacing an existing file " +
      "needs confirmation and keeps the old version under <root>/.arr-mcp-backups/. The parent directory must " +
      "exist. Only files owned by the server's user can be replaced. Service databases, secret-bearing configs " +
      "(config.xml, sabnzbd.ini, qBittorrent.conf …), .env and key files are refused, and so is content that " +
      "still holds [REDACTED] placeholders.",
    input: {
      path: z.string().min(1).max(4096).describe(
        "Absolute path of the file to write, e.g. /opt/stacks/arr/compose.yaml",
      ),
      content: z.string().max(MAX_WRITE_BYTES).describe("The complete new file content (UTF-8 text)"),
    },
    output: {
      path: z.string().describe("Real path written"),
      created: z.boolean().describe("True when the file did not exist before"),
      changed: z.boolean().describe("False when the file already had exactly this content"),
      bytes_written: z.number().describe("Bytes written"),
      sha256: z.string().describe("sha256 of the new content"),
      backup_path: z.string().nullable().describe("Where the previous version was kept, if one existed"),
    },
    idempotent: true,
    plan: (args: { path: string; content: string }) => fsOutcome(() => planWrite(args, roots, uid)),
    execute: (op: WriteOperation) => fsOutcome(() => executeWrite(op, deps)),
  });
}
