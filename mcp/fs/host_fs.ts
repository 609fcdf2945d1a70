/**
 * The system calls the file layer makes, injectable so tests can fault them (a disk that fills midway, a
 * rename that fails); `Deno` itself fits. Only the layer (mcp/fs/) holds one.
 */
export type HostFs = Pick<
  typeof Deno,
  "lstat" | "realPath" | "open" | "readDir" | "mkdir" | "chmod" | "rename" | "remove"
>;
