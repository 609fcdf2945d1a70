/** The helper's configuration, read once from the environment at startup; bad values name the variable. */
import { isAbsolute, normalize } from "node:path";
import { err, ok, type Result } from "../shared/result.ts";

export interface HelperConfig {
  /** Unix socket the helper listens on (ARR_HELPER_SOCKET). */
  socketPath: string;
  /** Folder holding one folder per compose stack (ARR_STACKS_DIR). */
  stacksDir: string;
  /** Folder of the user's quadlet files (ARR_QUADLET_DIR). */
  quadletDir: string;
  /** Time one subprocess may take (ARR_HELPER_TIMEOUT_S). */
  timeoutMs: number;
  /** Absolute path of the quadlet generator, or null when the host has none (ARR_QUADLET_GENERATOR). */
  generator: string | null;
  /** Seconds a container gets to stop on down/restart (ARR_HELPER_STOP_TIMEOUT_S); null: podman's default. */
  stopTimeoutS: number | null;
}

export const DEFAULT_STACKS_DIR = "/opt/stacks";
export const DEFAULT_TIMEOUT_S = 300;
export const MAX_TIMEOUT_S = 86400;

type Env = (name: string) => string | undefined;

function absolutePath(name: string, value: string): Result<string, string> {
  if (!isAbsolute(value)) return err(`Invalid ${name} "${value}": expected an absolute path`);
  if (value.includes("\0")) return err(`Invalid ${name}: the path contains a NUL character`);
  // Deno's --allow-read/--allow-write lists are comma separated, so such a path cannot be granted.
  if (value.includes(",")) return err(`Invalid ${name} "${value}": the path must not contain ","`);
  const clean = normalize(value);
  return ok(clean.length > 1 && clean.endsWith("/") ? clean.slice(0, -1) : clean);
}

function pathOr(env: Env, name: string, fallback: () => Result<string, string>): Result<string, string> {
  const value = env(name);
  return value === undefined || value === "" ? fallback() : absolutePath(name, value);
}

function seconds<D extends number | null>(
  env: Env,
  name: string,
  min: number,
  fallback: D,
): Result<number | D, string> {
  const raw = env(name);
  if (raw === undefined || raw === "") return ok(fallback);
  const value = /^[0-9]{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= min && value <= MAX_TIMEOUT_S)) {
    return err(`Invalid ${name} "${raw}": expected whole seconds from ${min} to ${MAX_TIMEOUT_S}`);
  }
  return ok(value);
}

export function parseConfig(env: Env): Result<HelperConfig, string> {
  const socketPath = pathOr(env, "ARR_HELPER_SOCKET", () => {
    const runtime = env("XDG_RUNTIME_DIR");
    if (!runtime) return err("Invalid ARR_HELPER_SOCKET: not set, and XDG_RUNTIME_DIR is not set either");
    return absolutePath("XDG_RUNTIME_DIR", `${runtime}/arr-helper/arr-helper.sock`);
  });
  if (!socketPath.ok) return socketPath;
  if (socketPath.value === "/") return err(`Invalid ARR_HELPER_SOCKET "/": expected a file path`);

  const stacksDir = pathOr(env, "ARR_STACKS_DIR", () => ok(DEFAULT_STACKS_DIR));
  if (!stacksDir.ok) return stacksDir;

  const quadletDir = pathOr(env, "ARR_QUADLET_DIR", () => {
    const home = env("HOME");
    if (!home) return err("Invalid ARR_QUADLET_DIR: not set, and HOME is not set either");
    return absolutePath("HOME", `${home}/.config/containers/systemd`);
  });
  if (!quadletDir.ok) return quadletDir;

  const timeoutS = seconds(env, "ARR_HELPER_TIMEOUT_S", 1, DEFAULT_TIMEOUT_S);
  if (!timeoutS.ok) return timeoutS;
  const stopTimeoutS = seconds(env, "ARR_HELPER_STOP_TIMEOUT_S", 0, null);
  if (!stopTimeoutS.ok) return stopTimeoutS;

  const rawGenerator = env("ARR_QUADLET_GENERATOR");
  let generator: string | null = null;
  if (rawGenerator !== undefined && rawGenerator !== "") {
    const path = absolutePath("ARR_QUADLET_GENERATOR", rawGenerator);
    if (!path.ok) return path;
    generator = path.value;
  }

  return ok({
    socketPath: socketPath.value,
    stacksDir: stacksDir.value,
    quadletDir: quadletDir.value,
    timeoutMs: (timeoutS.value ?? DEFAULT_TIMEOUT_S) * 1000,
    generator,
    stopTimeoutS: stopTimeoutS.value,
  });
}
