/**
 * The compose ↔ quadlet tool family: compose_to_quadlet (convert a stack and stage its units in
 * `<stacks dir>/<stack>/quadlets/`), quadlet_install (install the staged units through arr-helper, confirmed,
 * with a rollback copy of what they replace) and quadlet_to_compose (the reverse). The conversion is
 * shared/quadlet/; the quadlet_convert_*.ts files beside this one do the reading, staging and helper calls.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { ToolDeps } from "../../toolkit/deps.ts";
import type { RegisterFamily } from "../../toolkit/family.ts";
import { generatorPaths, localGenerator, type ValidateUnits } from "./generator.ts";
import { registerQuadletInstall } from "./install.ts";
import { registerQuadletToCompose } from "./to_compose.ts";
import { registerComposeToQuadlet } from "./to_quadlet.ts";

export { localGenerator, type Validation } from "./generator.ts";

export interface QuadletConvertOptions {
  /**
   * The local fallback when arr-helper cannot validate (arr-helper's quadlet_validate is always tried first).
   * @default the first of config.quadletGenerator (ARR_QUADLET_GENERATOR), /usr/libexec/podman/quadlet and
   * /usr/lib/podman/quadlet that exists, run only when arr-mcp has run permission for it
   */
  validate?: ValidateUnits;
}

/** The family as registered in families.ts; tests build one with their own validator. */
export function quadletConvertFamily(options: QuadletConvertOptions = {}): RegisterFamily {
  return (server: McpServer, deps: ToolDeps) => {
    const validate = options.validate ?? localGenerator(generatorPaths(deps.config.quadletGenerator));
    registerComposeToQuadlet(server, deps, validate);
    registerQuadletInstall(server, deps);
    registerQuadletToCompose(server, deps);
  };
}

export const registerQuadletConvertTools: RegisterFamily = quadletConvertFamily();
