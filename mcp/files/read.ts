/** file_list and file_read: read-only views of the allowed roots. */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { listDirectory } from "../fs/list_dir.ts";
import { protectionOf } from "../fs/protected_files.ts";
import { readTextCapped } from "../fs/read_text.ts";
import { redactEnvFile, redactSecrets } from "../core/redact_secrets.ts";
import { resolveExisting, type ScopeRoot } from "../fs/scope.ts";
import { defineTool } from "../toolkit/define_tool.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
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
  size: z.number().describe("Bytes"),
  modified: z.string().nullable().describe("ISO time of last modification"),
  uid: z.number().nullable().describe(
    "Owner uid; only files owned by the server's uid can be written or deleted",
  ),
  mode: z.string().nullable().describe("Permission bits in octal, e.g. 644"),
  protection: z.enum(["database", "secret-config", "secret"]).nullable().describe(
    "Set when file_read will not return the raw content (database/secret: refused; secret-config: redacted view)",
  ),
});

async function rootsStatus(roots: readonly ScopeRoot[]) {
  return await Promise.all(roots.map(async (r) => {
    const exists = await Deno.stat(r.path).then((i) => i.isDirectory, () => false);
    return { label: r.label, path: r.path, exists };
  }));
}

export function defineFileList(server: McpServer, deps: ToolDeps, roots: readonly ScopeRoot[]): void {
  defineTool(server, deps, {
    name: "file_list",
    title: "List files",
    description:
      "List a directory inside the allowed roots (the stacks dir with compose files, the media dir, " +
      "the log dirs). Without `path` it only returns the roots. Entries show type, size, owner uid, mode and " +
      "whether the file is protected (service databases and secret-bearing configs). Symlinks are shown, not " +
      "followed; a path whose real location is outside the roots is refused.",
    input: {
      path: z.string().max(4096).optional().describe(
        "Absolute path of the directory to list, e.g. /opt/stacks/sonarr. Omit to see the allowed roots.",
      ),
      limit: z.number().int().min(1).max(1000).optional().describe("Most entries to return (default 200)"),
    },
    output: {
      roots: z.array(z.object({ label: z.string(), path: z.string(), exists: z.boolean() })).describe(
        "The directories these tools may reach",
      ),
      path: z.string().nullable().describe(
        "Real path listed (symlinks resolved), or null when none was given",
      ),
      root: z.string().nullable().describe("Label of the root containing it"),
      entries: z.array(entrySchema).describe("Directories first, then files, by name"),
      total: z.number().describe("Entries in the directory"),
      truncated: z.boolean().describe("True when more entries exist than were returned"),
    },
    access: "read",
    idempotent: true,
    run: (args: { path?: string | undefined; limit?: number | undefined }) =>
      fsOutcome(async () => {
        const status = await rootsStatus(roots);
        if (args.path === undefined) {
          return { roots: status, path: null, root: null, entries: [], total: 0, truncated: false };
        }
        const scoped = await resolveExisting(args.path, roots);
        const info = await Deno.stat(scoped.path);
        if (!info.isDirectory) {
          refuse("invalid_path", `Cannot list "${args.path}": not a directory; use file_read`);
        }
        const listed = await listDirectory(scoped.path, { limit: args.limit ?? 200 });
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
async function readLines(path: string, offset: number, maxBytes: number) {
  const from = Math.max(0, offset - 1);
  const read = await readTextCapped(path, { offset: from, maxBytes: maxBytes + (offset > 0 ? 1 : 0) });
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
): Promise<ReadResult> {
  const scoped = await resolveExisting(input.path, roots);
  const info = await Deno.stat(scoped.path);
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
    const whole = await readTextCapped(scoped.path, { maxBytes: MAX_REDACTED_VIEW_BYTES });
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
  const read = await readLines(scoped.path, input.offset ?? 0, maxBytes);
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
    description:
      "Read a UTF-8 text file inside the allowed roots (compose files, .yaml/.toml/.conf settings, " +
      "logs, notes). Returns whole lines, at most max_bytes per call; when `truncated` is true call again with " +
      "offset = next_offset. Binary files are refused. Service databases and key files are refused; secret-" +
      "bearing service configs (config.xml, Preferences.xml, sabnzbd.ini, qBittorrent.conf, settings.json, " +
      "config.yaml) and .env files come back as a redacted view. Secret-looking values anywhere are replaced " +
      "with [REDACTED].",
    input: {
      path: z.string().min(1).max(4096).describe(
        "Absolute path of the file, e.g. /opt/stacks/arr/compose.yaml",
      ),
      offset: z.number().int().min(0).optional().describe(
        "Byte offset to start at (use next_offset); default 0",
      ),
      max_bytes: z.number().int().min(1).max(MAX_READ_BYTES).optional().describe(
        `Most bytes to return (default ${DEFAULT_READ_BYTES}, max ${MAX_READ_BYTES})`,
      ),
    },
    output: {
      path: z.string().describe("Real path read"),
      root: z.string().describe("Label of the root containing it"),
      size: z.number().describe("File size in bytes"),
      offset: z.number().describe("Byte offset of the first returned line"),
      bytes_read: z.number().describe("Bytes of the file covered by content"),
      truncated: z.boolean().describe("True when the file continues after this chunk"),
      next_offset: z.number().nullable().describe("Offset for the next call, or null at the end"),
      view: z.enum(["raw", "redacted"]).describe("redacted: a protected config shown with secrets removed"),
      redactions: z.number().describe("How many secret values were replaced with [REDACTED]"),
      note: z.string().nullable().describe("Why the view is redacted, if it is"),
      content: z.string().describe("The text"),
    },
    access: "read",
    idempotent: true,
    run: (args: { path: string; offset?: number | undefined; max_bytes?: number | undefined }) =>
      fsOutcome(() => readFileForTool(args, roots)),
  });
}
