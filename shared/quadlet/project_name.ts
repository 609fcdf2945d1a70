/**
 * The compose project name, which compose puts in front of every volume and network it creates
 * (`<project>_<name>`): a stack moved to quadlets must use the same names to find its data.
 *
 * Order as podman-compose 1.3.0 (the runner arr-mcp uses): the top-level `name:`, then `COMPOSE_PROJECT_NAME`
 * (shell environment, then `.env`), then the compose file's folder. Docker Compose lets `COMPOSE_PROJECT_NAME`
 * win over `name:`; the two agree whenever only one is set. Normalised as compose-go's `NormalizeProjectName`:
 * lowercase, only `a-z 0-9 _ -`, no leading `_` or `-`.
 */
import { posix } from "node:path";
import { err, ok, type Result } from "../result.ts";
import type { Lookup } from "./interpolate.ts";

export function normalizeProjectName(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9_-]/g, "").replace(/^[_-]+/, "");
}

export function projectName(
  topLevelName: unknown,
  lookup: Lookup,
  projectDir: string,
): Result<string, string> {
  const [source, raw] = typeof topLevelName === "string" && topLevelName !== ""
    ? ["top-level name", topLevelName]
    : lookup("COMPOSE_PROJECT_NAME")
    ? ["COMPOSE_PROJECT_NAME", lookup("COMPOSE_PROJECT_NAME") as string]
    : ["folder name", posix.basename(projectDir)];
  const name = normalizeProjectName(raw);
  if (name === "") {
    return err(`Cannot derive a project name from the ${source} "${raw}": it has no letter or digit`);
  }
  return ok(name);
}
