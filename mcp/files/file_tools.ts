/**
 * The file tools: file_list, file_read, file_write, file_delete, disk_usage. Every read and write goes through
 * the file layer (`deps.fs`): they reach only the stacks dir, the media dir and the log dirs (realpath-checked,
 * no symlink below a root); they modify only files owned by the server's uid (ADR-0001); overwrite and delete
 * go through the confirm flow and keep a recoverable copy.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { ToolDeps } from "../toolkit/deps.ts";
import { fileRoots } from "../toolkit/fs_outcome.ts";
import { defineFileDelete } from "./delete.ts";
import { defineFileList, defineFileRead } from "./read.ts";
import { defineDiskUsage } from "./usage.ts";
import { defineFileWrite } from "./write.ts";

export function registerFileTools(server: McpServer, deps: ToolDeps): void {
  const roots = fileRoots(deps.config);
  defineFileList(server, deps, roots);
  defineFileRead(server, deps, roots);
  defineDiskUsage(server, deps, roots);
  defineFileWrite(server, deps, roots);
  defineFileDelete(server, deps, roots);
}
