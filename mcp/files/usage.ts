/** disk_usage: filesystem capacity of the roots (statfs) and a bounded per-directory size breakdown. */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { directoryUsage, filesystemUsage } from "../fs/disk_usage.ts";
import type { FsPort } from "../fs/port.ts";
import type { ScopeRoot } from "../fs/scope.ts";
import { defineTool } from "../toolkit/define_tool.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import { NULL } from "../toolkit/portable_schema.ts";
import { fsOutcome, refuse } from "../toolkit/fs_outcome.ts";

const filesystemSchema = z.object({
  root: z.string(),
  path: z.string(),
  total_bytes: z.number(),
  used_bytes: z.number(),
  available_bytes: z.number(),
  used_percent: z.number(),
});

interface UsageArgs {
  path?: string | undefined;
  max_entries?: number | undefined;
  max_depth?: number | undefined;
  top?: number | undefined;
}

async function diskUsage(args: UsageArgs, roots: readonly ScopeRoot[], fs: FsPort) {
  const filesystems = [];
  const missing: string[] = [];
  for (const root of roots) {
    try {
      const fs = await filesystemUsage(root.path);
      filesystems.push({
        root: root.label,
        path: root.path,
        total_bytes: fs.totalBytes,
        used_bytes: fs.usedBytes,
        available_bytes: fs.availableBytes,
        used_percent: fs.usedPercent,
      });
    } catch {
      missing.push(root.path);
    }
  }
  if (args.path === undefined) return { filesystems, missing_roots: missing, directory: null };
  const scoped = await fs.resolve(args.path, roots);
  if (!scoped.info?.isDirectory) refuse("invalid_path", `Cannot measure "${args.path}": not a directory`);
  const usage = await directoryUsage(scoped.path, {
    maxEntries: args.max_entries ?? 50_000,
    maxDepth: args.max_depth ?? 16,
  });
  const top = args.top ?? 30;
  return {
    filesystems,
    missing_roots: missing,
    directory: {
      path: scoped.path,
      total_bytes: usage.totalBytes,
      entries_visited: usage.entriesVisited,
      complete: usage.complete,
      children: usage.children.slice(0, top),
      children_total: usage.children.length,
      unreadable: usage.unreadable,
    },
  };
}

export function defineDiskUsage(server: McpServer, deps: ToolDeps, roots: readonly ScopeRoot[]): void {
  defineTool(server, deps, {
    name: "disk_usage",
    title: "Disk usage",
    description: "How full the stacks, media and log filesystems are (df); with path, the largest items " +
      "below it (du -x).",
    input: {
      path: z.string().max(4096).optional().describe("Directory to break down, e.g. /media-server/tv"),
      max_entries: z.number().int().min(1).max(500_000).optional().describe("Default 50000"),
      max_depth: z.number().int().min(1).max(64).optional().describe("Default 16"),
      top: z.number().int().min(1).max(500).optional().describe("Largest entries to list (default 30)"),
    },
    output: {
      filesystems: z.array(filesystemSchema),
      missing_roots: z.array(z.string()),
      directory: z.object({
        path: z.string(),
        total_bytes: z.number(),
        entries_visited: z.number(),
        complete: z.boolean().describe("False: a limit cut the walk, sizes are lower bounds"),
        children: z.array(z.object({
          name: z.string(),
          type: z.enum(["file", "directory", "symlink", "other"]),
          bytes: z.number(),
          files: z.number(),
        })),
        children_total: z.number(),
        unreadable: z.array(z.string()),
      }).or(NULL),
    },
    access: "read",
    idempotent: true,
    run: (args: UsageArgs) => fsOutcome(() => diskUsage(args, roots, deps.fs)),
  });
}
