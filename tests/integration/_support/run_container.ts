/** `podman run -d` of a testbed container, its flags written as data. */
import { podman } from "../../testbed/testbed.ts";

export interface RunContainerOptions {
  /** Image to run, usually `testbed().image`. */
  image: string;
  /** What the container runs, e.g. `["sh", "-c", script]`. @default the image's own command */
  command?: readonly string[];
  /** `-p` values, e.g. `127.0.0.1:8080:80`. @default [] */
  publish?: readonly string[];
  /** `-v` values, e.g. `/tmp/cfg:/config`. @default [] */
  volumes?: readonly string[];
  /** Labels by name. @default {} */
  labels?: Readonly<Record<string, string>>;
  /** Environment variables by name. @default {} */
  env?: Readonly<Record<string, string>>;
}

/** Starts a detached container named `name` and answers its id; the caller removes it by that name. */
export function runContainer(name: string, options: RunContainerOptions): Promise<string> {
  const args = ["run", "-d", "--name", name];
  for (const p of options.publish ?? []) args.push("-p", p);
  for (const v of options.volumes ?? []) args.push("-v", v);
  for (const [k, v] of Object.entries(options.labels ?? {})) args.push("--label", `${k}=${v}`);
  for (const [k, v] of Object.entries(options.env ?? {})) args.push("-e", `${k}=${v}`);
  return podman(...args, options.image, ...(options.command ?? []));
}
