/**
 * The log tools: log_read (tail of one log file in ARR_LOG_DIRS or of one container's log) and log_search
 * (bounded search over log files and container logs). Everything returned passes through secret redaction.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { findLogFiles } from "../fs/log_files.ts";
import { compileMatcher, MAX_PATTERN_LENGTH } from "../fs/text_match.ts";
import { containerField } from "../toolkit/arg_fields.ts";
import { defineTool, type ToolOutcome } from "../toolkit/define_tool.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import { fsOutcome, logRoots } from "../toolkit/fs_outcome.ts";
import { NULL } from "../toolkit/portable_schema.ts";
import { readContainerLog, readLogFile, redactLines, type SourceRead } from "./sources.ts";
import { logFilesFor, searchLogs } from "./search.ts";
import { createPacer } from "../core/pacer.ts";

/**
 * Time one log_search may take. Matching runs in 20 ms slices between which other requests are answered, so a
 * long search never blocks the server; this bounds how long it keeps one request (and a share of the CPU).
 */
export const LOG_SEARCH_BUDGET_MS = 10_000;

const lineSchema = z.object({
  stream: z.enum(["file", "stdout", "stderr"]),
  text: z.string(),
});

interface ReadArgs {
  path?: string | undefined;
  container?: string | undefined;
  lines?: number | undefined;
  since_minutes?: number | undefined;
}

function defineLogRead(server: McpServer, deps: ToolDeps): void {
  const roots = logRoots(deps.config);
  defineTool(server, deps, {
    name: "log_read",
    title: "Read a log",
    description: "The last lines of a log file (path) or a container's log (container), redacted; with " +
      "neither, lists the log files, newest first.",
    input: {
      path: z.string().max(4096).optional().describe("Absolute path of a log file"),
      container: containerField.optional(),
      lines: z.number().int().min(1).max(5000).optional().describe("Default 200"),
      since_minutes: z.number().int().min(1).max(60 * 24 * 30).optional().describe(
        "Container logs only: the last N minutes",
      ),
    },
    output: {
      source: z.string().or(NULL),
      lines: z.array(lineSchema),
      truncated: z.boolean(),
      redactions: z.number(),
      available: z.array(z.object({ path: z.string(), size: z.number(), modified: z.string().or(NULL) }))
        .describe("Log files, when neither path nor container was given"),
    },
    access: "read",
    idempotent: true,
    run: async (args: ReadArgs) => {
      const lines = args.lines ?? 200;
      if (args.path !== undefined && args.container !== undefined) {
        return {
          ok: false,
          error: { kind: "invalid_args", message: "Cannot read a log: give path or container, not both" },
        };
      }
      let read: ToolOutcome<SourceRead>;
      if (args.container !== undefined) {
        const since = args.since_minutes === undefined
          ? undefined
          : Math.floor(deps.clock.now() / 1000) - args.since_minutes * 60;
        read = await readContainerLog(
          deps.runtime,
          args.container,
          since === undefined ? { lines } : { lines, since },
        );
      } else if (args.path !== undefined) {
        const path = args.path;
        read = await fsOutcome(() => readLogFile(path, roots, { lines, maxBytes: 8 * 1024 * 1024 }));
      } else {
        const available = [];
        for (const r of roots) {
          const real = await Deno.realPath(r.path).catch(() => null);
          if (real) available.push(...(await findLogFiles(real, { maxEntries: 20_000, maxDepth: 6 })).files);
        }
        available.sort((a, b) => (b.modified ?? "").localeCompare(a.modified ?? ""));
        return {
          ok: true,
          value: {
            source: null,
            lines: [],
            truncated: false,
            redactions: 0,
            available: available.slice(0, 200),
          },
        };
      }
      if (!read.ok) return read;
      const redacted = redactLines(read.value.lines);
      return {
        ok: true,
        value: {
          source: read.value.source,
          lines: redacted.lines,
          truncated: read.value.truncated,
          redactions: redacted.redactions,
          available: [],
        },
      };
    },
  });
}

interface SearchArgs {
  pattern: string;
  mode?: "substring" | "regex" | undefined;
  case_sensitive?: boolean | undefined;
  path?: string | undefined;
  containers?: string[] | undefined;
  max_files?: number | undefined;
  max_bytes_per_file?: number | undefined;
  max_matches?: number | undefined;
  container_tail?: number | undefined;
}

function defineLogSearch(server: McpServer, deps: ToolDeps): void {
  const roots = logRoots(deps.config);
  defineTool(server, deps, {
    name: "log_search",
    title: "Search logs",
    description: "Searches the ends of log files and/or container logs for text or a linear-time regex " +
      "(no backreferences or lookaheads); matches redacted. Files are searched when path is given or no " +
      "containers are.",
    input: {
      pattern: z.string().min(1).max(MAX_PATTERN_LENGTH).describe('e.g. "database is locked"'),
      mode: z.enum(["substring", "regex"]).optional().describe("Default substring"),
      case_sensitive: z.boolean().optional().describe("Default false"),
      path: z.string().max(4096).optional().describe("Log file or directory (default: all log dirs)"),
      containers: z.array(containerField).max(20).optional().describe("Containers whose logs to search"),
      max_files: z.number().int().min(1).max(200).optional().describe("Default 50"),
      max_bytes_per_file: z.number().int().min(1024).max(16 * 1024 * 1024).optional().describe(
        "Read from each file's end (default 2 MiB)",
      ),
      max_matches: z.number().int().min(1).max(1000).optional().describe("Default 200"),
      container_tail: z.number().int().min(1).max(20_000).optional().describe(
        "Lines per container log (default 2000)",
      ),
    },
    output: {
      matches: z.array(z.object({
        source: z.string(),
        line: z.number(),
        text: z.string(),
      })),
      files_searched: z.array(z.string()),
      containers_searched: z.array(z.string()),
      skipped: z.array(z.object({ source: z.string(), reason: z.string() })),
      limited: z.boolean().describe("A limit stopped the search: results may be incomplete"),
      bytes_scanned: z.number(),
      redactions: z.number(),
    },
    access: "read",
    idempotent: true,
    run: (args: SearchArgs) =>
      fsOutcome(async () => {
        const matcher = compileMatcher(args.pattern, {
          mode: args.mode ?? "substring",
          caseSensitive: args.case_sensitive ?? false,
        });
        const containers = args.containers ?? [];
        const maxFiles = args.max_files ?? 50;
        const searchFiles = args.path !== undefined || containers.length === 0;
        const files = searchFiles && roots.length > 0
          ? await logFilesFor(args.path, roots, maxFiles)
          : { files: [], limited: false };
        const report = await searchLogs(matcher, { files: files.files, containers }, deps.runtime, {
          maxFiles,
          maxBytesPerFile: args.max_bytes_per_file ?? 2 * 1024 * 1024,
          maxMatches: args.max_matches ?? 200,
          containerTail: args.container_tail ?? 2000,
          pacer: createPacer({ budgetMs: LOG_SEARCH_BUDGET_MS }),
        });
        if (searchFiles && roots.length === 0) {
          report.skipped.push({
            source: "log files",
            reason: "no log dirs are configured (set ARR_LOG_DIRS)",
          });
        }
        return { ...report, limited: report.limited || files.limited };
      }),
  });
}

export function registerLogTools(server: McpServer, deps: ToolDeps): void {
  defineLogRead(server, deps);
  defineLogSearch(server, deps);
}
