/** file_write: atomic writes inside the roots; overwriting goes through the confirm flow and keeps a backup. */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { looksBinary } from "../fs/binary.ts";
import { MAX_REPLACED_BYTES } from "../fs/checked_write.ts";
import { BACKUP_DIR } from "../fs/keep_dirs.ts";
import type { FsPort } from "../fs/port.ts";
import { protectionOf } from "../fs/protected_files.ts";
import { readAll } from "../fs/read_handle.ts";
import { REDACTED, redactSecrets } from "../../shared/redact/mod.ts";
import type { ScopeRoot } from "../fs/scope.ts";
import { summarizeChange } from "../fs/text_diff.ts";
import { defineConfirmedTool } from "../toolkit/confirm_tool.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import { NULL } from "../toolkit/portable_schema.ts";
import { fsOutcome, MAX_WRITE_BYTES, refuse } from "../toolkit/fs_outcome.ts";
import { sha256Hex } from "../../shared/encoding.ts";

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

async function planWrite(args: { path: string; content: string }, roots: readonly ScopeRoot[], fs: FsPort) {
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
  const entry = await fs.writable(args.path, roots);
  const protection = protectionOf(entry.path);
  if (protection) refuse("protected", `Cannot write "${args.path}": ${protection.reason}`);
  let previous: { sha256: string; text: string | null; size: number } | null = null;
  if (entry.exists) {
    using handle = await fs.open(entry.path, roots);
    const old = await readAll(handle, MAX_REPLACED_BYTES, args.path);
    previous = {
      sha256: sha256Hex(old),
      text: looksBinary(old) ? null : new TextDecoder().decode(old),
      size: old.length,
    };
  }
  const operation: WriteOperation = {
    path: entry.path,
    rootPath: entry.root.path,
    relative: entry.relative,
    content: args.content,
    sha256: sha256Hex(bytes),
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
      backup_dir: previous ? `${entry.root.path}/${BACKUP_DIR}/` : null,
      change: change ?? (previous ? "previous content is binary" : "new file"),
    },
    needsConfirmation: previous !== null && changed,
  };
}

async function executeWrite(op: WriteOperation, roots: readonly ScopeRoot[], fs: FsPort) {
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
  const bytes = enc.encode(op.content);
  const written = await fs.write(op.path, roots, bytes, { backup: true, expectSha256: op.previousSha256 });
  return {
    path: written.path,
    created: written.created,
    changed: true,
    bytes_written: bytes.length,
    sha256: op.sha256,
    backup_path: written.backup,
  };
}

export function defineFileWrite(
  server: McpServer,
  deps: ToolDeps,
  roots: readonly ScopeRoot[],
): void {
  defineConfirmedTool(server, deps, {
    name: "file_write",
    title: "Write a text file",
    description: "Writes a text file in the allowed roots atomically, backing up a replaced one. " +
      "Databases, secret configs, .env, keys and [REDACTED] content are refused.",
    destructiveWhen: "when replacing a file",
    input: {
      path: z.string().min(1).max(4096).describe("Absolute file path; its folder must exist"),
      content: z.string().max(MAX_WRITE_BYTES).describe("The whole file"),
    },
    output: {
      path: z.string(),
      created: z.boolean(),
      changed: z.boolean(),
      bytes_written: z.number(),
      sha256: z.string(),
      backup_path: z.string().or(NULL),
    },
    idempotent: true,
    plan: (args: { path: string; content: string }) => fsOutcome(() => planWrite(args, roots, deps.fs)),
    execute: (op: WriteOperation) => fsOutcome(() => executeWrite(op, roots, deps.fs)),
  });
}
