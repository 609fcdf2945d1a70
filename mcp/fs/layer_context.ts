import type { HostFs } from "./host_fs.ts";

/** What the file layer's parts share: the system calls, whose files may change, the time, the temp journal. */
export interface LayerContext {
  sys: HostFs;
  uid: number;
  clock: { now(): number };
  /** Records a folder before the layer first makes a temp file there, for the startup sweep (temp_sweep.ts). */
  noteTempDir(dir: string): Promise<void>;
}
