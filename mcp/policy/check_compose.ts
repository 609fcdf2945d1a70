/** checkCompose(): the content policy for a compose file. Pure: text and host facts in, flags out. */
import { composeReader } from "./compose_reader.ts";
import { checkHostFiles } from "./compose_files.ts";
import { checkMounts } from "./compose_mounts.ts";
import { hostNetworkServices } from "./compose_network.ts";
import { checkPrivileges } from "./compose_service.ts";
import { type ComposeSource, loadComposeSource } from "./compose_source.ts";
import { checkStack } from "./compose_stack.ts";
import { flagSink } from "./flag_sink.ts";
import type { PolicyContext, PolicyError, PolicyFlag } from "./types.ts";
import { err, ok, type Result } from "../../shared/result.ts";
import { isMapping, type Mapping } from "../../shared/quadlet/values.ts";

/**
 * Flags what in a compose file needs a person's approval (or is worth naming) before it runs.
 * @param doc compose text, or a parsed document whose strings are not yet interpolated
 * @returns the flags in file order (per service, then the top level), or why the file cannot be checked
 */
export function checkCompose(doc: string | Mapping, ctx: PolicyContext): Result<PolicyFlag[], PolicyError> {
  try {
    return checkLoaded(loadComposeSource(doc, ctx), ctx);
  } catch (e) {
    // A recursive YAML alias (`&a [*a]`) overflows the stack of the tree walks.
    return err({ message: `Cannot check compose file: ${e instanceof Error ? e.message : String(e)}` });
  }
}

function checkLoaded(
  source: Result<ComposeSource, PolicyError>,
  ctx: PolicyContext,
): Result<PolicyFlag[], PolicyError> {
  if (!source.ok) return source;
  const { doc: raw } = source.value;
  const services = raw["services"] ?? {};
  if (!isMapping(services)) {
    return err({ message: "Cannot check compose file: services must be a mapping" });
  }
  const flags: PolicyFlag[] = [];
  const hostNetwork = hostNetworkServices(services, source.value);
  for (const [name, svc] of Object.entries(services)) {
    if (!isMapping(svc)) {
      return err({ message: `Cannot check service "${name}": it must be a mapping` });
    }
    const r = composeReader(flagSink({ service: name }, flags), source.value);
    checkPrivileges(r, svc, ctx, hostNetwork.has(name));
    checkMounts(r, svc, ctx);
    checkHostFiles(r, svc, ctx);
  }
  checkStack(composeReader(flagSink({ stack: true }, flags), source.value), raw, ctx);
  return ok(flags);
}
