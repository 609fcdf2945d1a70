/**
 * The conversion arguments compose_to_quadlet and stack_migrate_to_quadlets share: the target Podman, unit
 * prefix, active profiles, start timeout and project name, with one description each and one reading into
 * converter options.
 */
import { z } from "zod";
import { parseVersion } from "../../../shared/quadlet/versions.ts";
import { err, ok, type Result } from "../../../shared/result.ts";
import type { ToolFailure } from "../../toolkit/tool_result.ts";
import type { ConvertStackOptions } from "./stack.ts";

/** A day: longer than any image pull a unit should wait for. */
const MAX_START_TIMEOUT_SEC = 86_400;

export const convertFields = {
  podman_version: z.string().max(16).optional().describe("Target Podman, e.g. 5.4 (default: the host's)"),
  prefix_units: z.boolean().optional().describe("Prefix unit names with the stack (default true)"),
  profiles: z.array(z.string().min(1).max(64)).max(64).optional().describe(
    "Active profiles (default: COMPOSE_PROFILES)",
  ),
  start_timeout: z.number().int().min(0).max(MAX_START_TIMEOUT_SEC).optional().describe(
    "TimeoutStartSec= (default 900; 0: systemd's)",
  ),
};

export interface ConvertArgs {
  podman_version?: string | undefined;
  prefix_units?: boolean | undefined;
  profiles?: string[] | undefined;
  start_timeout?: number | undefined;
}

/** A bad podman_version as a tool failure, or nothing. */
export function checkPodmanVersion(version: string | undefined): Result<void, ToolFailure> {
  if (version === undefined || parseVersion(version) !== undefined) return ok(undefined);
  return err({ kind: "invalid_argument", message: `Invalid podman_version "${version}": expected e.g. 4.9` });
}

/** The converter options the arguments ask for (absent ones keep the converter's defaults). */
export function convertOptions(
  args: ConvertArgs,
  podmanVersion: string,
  projectName: string | undefined,
): ConvertStackOptions {
  const options: ConvertStackOptions = { podmanVersion, prefix: args.prefix_units ?? true };
  if (args.profiles !== undefined) options.profiles = args.profiles;
  if (args.start_timeout !== undefined) options.startTimeoutSec = args.start_timeout;
  if (projectName !== undefined) options.projectName = projectName;
  return options;
}
