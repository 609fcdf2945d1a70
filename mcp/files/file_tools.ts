/**
 * The file tools: file_list, file_read, file_write, file_delete, disk_usage. They reach only the stacks dir,
 * the media dir and the log dirs (realpath-checked, symlink escapes refused); they modify only files owned by
 * the server's uid (ADR-0001); overwrite and delete go through the confirm flow and keep a recoverable copy.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { ToolDeps } from "../toolkit/deps.ts";
import { fileRoots } from "../toolkit/fs_outcome.ts";
import { defineFileDelete } from "./delete.ts";
import { defineFileList, defineFileRead } from "./read.ts";
import { defineDiskUsage } from "./usage.ts";
import { defineFileWrite } from "./write.ts";

export interface FileToolOptions {
  /** The uid whose files may be modified. @default Deno.uid() */
  uid?: number;
}

function serverUid(): number {
  try {
    return Deno.uid() ?? -1;
  } catch {
    return -1; // no --allow-sys=uid: nothing counts as owned, so nothing can be modified
  }
}

export function registerFileTools(server: McpServer, deps: ToolDeps, options: FileToolOptions = {}): void {
  const roots = fileRoots(deps.config);
  const uid = options.uid ?? serverUid();
  defineFileList(server, deps, roots);
  defineFileRead(server, deps, roots);
  defineDiskUsage(server, deps, roots);
  defineFileWrite(server, deps, roots, uid);
  defineFileDelete(server, deps, roots, uid);
}
