import assert from "node:assert/strict";
import { stringify } from "yaml";
import { checkCompose } from "../../../../mcp/policy/check_compose.ts";
import { checkQuadlet } from "../../../../mcp/policy/check_quadlet.ts";
import type { PolicyContext, PolicyFlag } from "../../../../mcp/policy/types.ts";

export const CTX: PolicyContext = {
  stackDir: "/opt/stacks/media",
  dataDir: "/home/media/.local/share/arr-mcp",
  runtimeSockets: ["/run/user/1000/podman/podman.sock"],
  helperSocketDir: "/run/user/1000/arr-helper",
  homeDir: "/home/media",
};

/** Flags of a compose document given as YAML text or as one service's keys (service "app"). */
export function composeFlags(doc: string | Record<string, unknown>, ctx: PolicyContext = CTX): PolicyFlag[] {
  const text = typeof doc === "string" ? doc : stringify({ services: { app: { image: "busybox", ...doc } } });
  const r = checkCompose(text, ctx);
  if (!r.ok) assert.fail(`checkCompose failed: ${r.error.message}`);
  return r.value;
}

export function quadletFlags(text: string, ctx: PolicyContext = CTX): PolicyFlag[] {
  const r = checkQuadlet(text, ctx, { unit: "app.container" });
  if (!r.ok) assert.fail(`checkQuadlet failed: ${r.error.message}`);
  return r.value;
}

/** `rule/severity` of each flag, for compact assertions. */
export function rules(flags: readonly PolicyFlag[]): string[] {
  return flags.map((f) => `${f.rule}/${f.severity}`);
}

export function words(flags: readonly PolicyFlag[]): string[] {
  return flags.map((f) => f.words);
}
