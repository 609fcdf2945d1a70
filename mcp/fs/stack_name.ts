/** Stack names: a directory under the stacks dir and a compose project name. Pure. */
import { err, ok, type Result } from "../../shared/result.ts";

export const STACK_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

export const COMPOSE_FILE_NAMES = [
  "compose.yaml",
  "compose.yml",
  "docker-compose.yaml",
  "docker-compose.yml",
] as const;

export function checkStackName(name: string): Result<string, string> {
  if (STACK_NAME.test(name)) return ok(name);
  return err(
    `Invalid stack name "${name}": expected letters, digits, _ and - (at most 128), not starting with -`,
  );
}
