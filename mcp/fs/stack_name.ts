/** Stack names: a directory under the stacks dir and a compose project name (shared/names.ts). Pure. */
import { STACK_NAME_MAX, STACK_NAME_PATTERN } from "../../shared/names.ts";
import { err, ok, type Result } from "../../shared/result.ts";

export function checkStackName(name: string): Result<string, string> {
  if (name.length <= STACK_NAME_MAX && STACK_NAME_PATTERN.test(name)) return ok(name);
  return err(
    `Invalid stack name "${name}": expected letters, digits, _ and - (at most ${STACK_NAME_MAX}), starting with a ` +
      "letter or digit",
  );
}
