/** file_list and file_read: read-only views of the allowed roots. */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { describeEntries } from "../fs/list_dir.ts";
import type { FsPort, ReadHandle } from "../fs/port.ts";
import { protectionOf } from "../fs/protected_files.ts";
import { readTextWindow } from "../fs/read_text.ts";
import { redactEnvFile, redactSecrets } from "../../shared/redact/mod.ts";
import type { ScopeRoot } from "../fs/scope.ts";
import { defineTool } from "../toolkit/define_tool.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import { NULL } from "../toolkit/portable_schema.ts";
import {
  DEFAULT_READ_BYTES,
  fsOutcome,
  MAX_READ_BYTES,
  MAX_REDACTED_VIEW_BYTES,
  refuse,
} from "../toolkit/fs_outcome.ts";

const entrySchema = z.object({
  name: z.string(),
  type: z.enum(["file", "directory", "symlink", "other"]),
  size: z.number(),
  modified: z.string().or(NULL),
  uid: z.number().or(NULL),
  mode: z.string().or(NULL),
  protection: z.enum(["database", "secret-config", "secret"]).or(NULL).describe(
    "database, secret: file_read refuses; secret-config: redacted",
  ),
});

async function rootsStatus(roots: readonly ScopeRoot[], fs: FsPort) {
  return await Promise.all(roots.map(async (r) => {
    const exists = await fs.resolve(r.path, [r]).then((at) => at.info?.isDirectory === true, () => false);
    return { label: r.label, path: r.path, exists };
  }));
}

export function defineFileList(server: McpServer, deps: ToolDeps, roots: readonly ScopeRoot[]): void {
  defineTool(server, deps, {
    name: "file_list",
    title: "List files",
    description: "Lists a directory in the allowed roots (stacks, media and log dirs), with owner, mode " +
      "and protection; without path, the roots.",
    input: {
      path: z.string().max(4096).optional().describe("Absolute directory path, e.g. /opt/stacks/sonarr"),
      limit: z.number().int().min(1).max(1000).optional().describe("Most entries (default 200)"),
    },
    output: {
      roots: z.array(z.object({ label: z.string(), path: z.string(), exists: z.boolean() })),
      path: z.string().or(NULL),
      root: z.string().or(NULL),
      entries: z.array(entrySchema),
      total: z.number(),
      truncated: z.boolean(),
    },
    access: "read",
    idempotent: true,
    run: (args: { path?: string | undefined; limit?: number | undefined }) =>
      fsOutcome(async () => {
        const status = await rootsStatus(roots, deps.fs);
        if (args.path === undefined) {
          return { roots: status, path: null, root: null, entries: [], total: 0, truncated: false };
        }
        const scoped = await deps.fs.resolve(args.path, roots);
        if (!scoped.info?.isDirectory) {
          refuse("invalid_path", `Cannot list "${args.path}": not a directory; use file_read`);
        }
        const listed = describeEntries(await deps.fs.list(scoped.path, roots), { limit: args.limit ?? 200 });
        return { roots: status, path: scoped.path, root: scoped.root.label, ...listed };
      }),
  });
}

interface ReadResult {
  path: string;
  root: string;
  size: number;
  offset: number;
  bytes_read: number;
  truncated: boolean;
  next_offset: number | null;
  view: "raw" | "redacted";
  redactions: number;
  note: string | null;
  content: string;
}

const enc = new TextEncoder();

/**
 * Reads whole lines only: a start inside a line moves to the next line start, and a cut read ends after its
 * last newline. Secrets are matched per line, so a line split between two reads could otherwise leak.
 */
async function readLines(handle: ReadHandle, offset: number, maxBytes: number) {
  const from = Math.max(0, offset - 1);
  const read = await readTextWindow(handle, { offset: from, maxBytes: maxBytes + (offset > 0 ? 1 : 0) });
  if (read.binary) return read;
  let text = read.text;
  let start = from;
  if (offset > 0) {
    const nl = text.indexOf("\n");
    const skip = nl === -1 ? text.length : nl + 1;
    start += enc.encode(text.slice(0, skip)).length;
    text = text.slice(skip);
  }
  let truncated = read.truncated;
  if (truncated) {
    const last = text.lastIndexOf("\n");
    if (last >= 0) text = text.slice(0, last + 1);
  }
  const bytes = enc.encode(text).length;
  truncated = start + bytes < read.size;
  return { binary: false as const, text, size: read.size, offset: start, bytesRead: bytes, truncated };
}

export async function readFileForTool(
  input: { path: string; offset?: number | undefined; max_bytes?: number | undefined },
  roots: readonly ScopeRoot[],
  fs: FsPort,
): Promise<ReadResult> {
  const scoped = await fs.resolve(input.path, roots);
  const info = scoped.info as Deno.FileInfo;
  if (info.isDirectory) {
    refuse("invalid_path", `Cannot read "${input.path}": it is a directory; use file_list`);
  }
  if (!info.isFile) refuse("invalid_path", `Cannot read "${input.path}": not a regular file`);
  const protection = protectionOf(scoped.path);
  if (protection && !protection.redactedView) {
    refuse("protected", `Cannot read "${input.path}": ${protection.reason}`);
  }
  if (protection) {
    if (info.size > MAX_REDACTED_VIEW_BYTES) {
      refuse(
        "too_large",
        `Cannot show "${input.path}" redacted: ${info.size} bytes is over ${MAX_REDACTED_VIEW_BYTES}`,
      );
    }
    using handle = await fs.open(scoped.path, roots);
    const whole = await readTextWindow(handle, { maxBytes: MAX_REDACTED_VIEW_BYTES });
    if (whole.binary) refuse("binary", `Cannot read "${input.path}": binary file (${whole.size} bytes)`);
    const redacted = protection.kind === "secret" ? redactEnvFile(whole.text) : redactSecrets(whole.text);
    return {
      path: scoped.path,
      root: scoped.root.label,
      size: whole.size,
      offset: 0,
      bytes_read: whole.bytesRead,
      truncated: false,
      next_offset: null,
      view: "redacted",
      redactions: redacted.count,
      note: `Redacted view: the raw file is not available because ${protection.reason}.`,
      content: redacted.text,
    };
  }
  const maxBytes = Math.min(input.max_bytes ?? DEFAULT_READ_BYTES, MAX_READ_BYTES);
  using handle = await fs.open(scoped.path, roots);
  const read = await readLines(handle, input.offset ?? 0, maxBytes);
  if (read.binary) {
    refuse(
      "binary",
      `Cannot read "${input.path}": binary file (${read.size} bytes); file_read returns text only`,
    );
  }
  const redacted = redactSecrets(read.text);
  return {
    path: scoped.path,
    root: scoped.root.label,
    size: read.size,
    offset: read.offset,
    bytes_read: read.bytesRead,
    truncated: read.truncated,
    next_offset: read.truncated ? read.offset + read.bytesRead : null,
    view: "raw",
    redactions: redacted.count,
    note: redacted.count > 0
      ? "Secret-looking values were replaced with [REDACTED]; writing this content back is refused."
      : null,
    content: redacted.text,
  };
}

export function defineFileRead(server: McpServer, deps: ToolDeps, roots: readonly ScopeRoot[]): void {
  defineTool(server, deps, {
    name: "file_read",
    title: "Read a text file",
    description: "Reads a text file in the allowed roots in whole lines, secrets as [REDACTED]; databases " +
      "and key files are refused. When truncated, call again with offset = next_offset.",
    input: {
      path: z.string().min(1).max(4096).describe("Absolute file path"),
      offset: z.number().int().min(0).optional().describe("Byte offset (next_offset; default 0)"),
      max_bytes: z.number().int().min(1).max(MAX_READ_BYTES).optional().describe(
        `Default ${DEFAULT_READ_BYTES}`,
      ),
    },
    output: {
      path: z.string(),
      root: z.string(),
      size: z.number(),
      offset: z.number(),
      bytes_read: z.number(),
      truncated: z.boolean(),
      next_offset: z.number().or(NULL),
      view: z.enum(["raw", "redacted"]),
      redactions: z.number(),
      note: z.string().or(NULL),
      content: z.string(),
    },
    access: "read",
    idempotent: true,
    run: (args: { path: string; offset?: number | undefined; max_bytes?: number | undefined }) =>
      fsOutcome(() => readFileForTool(args, roots, deps.fs)),
  });
}
