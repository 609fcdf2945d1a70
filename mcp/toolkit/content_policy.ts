/**
 * The content policy as the tools apply it (docs/policy.md): the host facts built once from the config, one
 * verdict per checked document (flags, ARR_POLICY's decision, the preview text) and the refusal `strict`
 * gives. Content that cannot be checked counts as flagged.
 */
import { dirname } from "node:path";
import { z } from "zod";
import {
  checkCompose,
  checkQuadlet,
  describeFlags,
  type PolicyContext,
  type PolicyDecision,
  policyDecision,
  type PolicyFlag,
} from "../policy/mod.ts";
import type { ToolDeps } from "./deps.ts";
import type { ToolFailure } from "./tool_result.ts";

export interface PolicyVerdict {
  decision: PolicyDecision;
  flags: PolicyFlag[];
  /** Why a document could not be checked at all (such content counts as flagged). */
  unchecked: string[];
  /** Why it could not be checked, then describeFlags. */
  text: string;
}

/** The `policy` field of a preview or a report. */
export const policyField = z.object({
  decision: z.enum(["allow", "confirm", "refuse"]).describe(
    "allow: nothing needs approval; confirm: a person must approve; refuse: ARR_POLICY=strict refuses it",
  ),
  text: z.string().describe("Every flag in words, for the person approving"),
  flags: z.array(z.object({
    service: z.string().optional(),
    unit: z.string().optional(),
    rule: z.string(),
    severity: z.enum(["confirm", "notice"]),
    words: z.string(),
    detail: z.string(),
  })).describe("What the content policy flagged, with where it was written"),
}).describe("The content policy's reading (docs/policy.md)");

/** The host facts every check compares against; `stackDir` is where relative paths resolve. */
export function policyContext(
  deps: Pick<ToolDeps, "config" | "runtime">,
  where: { stackDir: string; dotenv?: string | null },
): PolicyContext {
  const { config } = deps;
  const sockets = [config.runtimeSocket, deps.runtime.socket].filter((s): s is string => !!s);
  return {
    stackDir: where.stackDir,
    dataDir: config.dataDir,
    runtimeSockets: [...new Set(sockets)],
    helperSocketDir: dirname(config.helperSocket),
    homeDir: config.homeDir,
    // What podman-compose under arr-helper sees of its environment for interpolation, never arr-mcp's own.
    env: { HOME: config.homeDir },
    ...(where.dotenv ? { dotenv: where.dotenv } : {}),
  };
}

/** Where arr-helper installs quadlet units (relative paths in a unit resolve against it). */
export function quadletDir(deps: Pick<ToolDeps, "config">): string {
  return `${deps.config.homeDir}/.config/containers/systemd`;
}

export function composeVerdict(
  deps: Pick<ToolDeps, "config" | "runtime">,
  content: string,
  where: { stackDir: string; dotenv?: string | null },
): PolicyVerdict {
  return verdict(deps, checkCompose(content, policyContext(deps, where)));
}

export function quadletVerdict(
  deps: Pick<ToolDeps, "config" | "runtime">,
  unitText: string,
  unit: string,
): PolicyVerdict {
  return verdict(deps, checkQuadlet(unitText, policyContext(deps, { stackDir: quadletDir(deps) }), { unit }));
}

/** Several documents (a stack's staged units) read as one. */
export function mergeVerdicts(
  deps: Pick<ToolDeps, "config">,
  verdicts: readonly PolicyVerdict[],
): PolicyVerdict {
  return verdictOf(deps, verdicts.flatMap((v) => v.flags), verdicts.flatMap((v) => v.unchecked));
}

function verdict(
  deps: Pick<ToolDeps, "config">,
  checked: { ok: true; value: PolicyFlag[] } | { ok: false; error: { message: string } },
): PolicyVerdict {
  return checked.ok ? verdictOf(deps, checked.value, []) : verdictOf(deps, [], [checked.error.message]);
}

function verdictOf(deps: Pick<ToolDeps, "config">, flags: PolicyFlag[], unchecked: string[]): PolicyVerdict {
  const mode = deps.config.policy;
  const decision = unchecked.length === 0
    ? policyDecision(flags, mode)
    : mode === "strict"
    ? "refuse"
    : "confirm";
  const lines = unchecked.map((m) => `The content policy cannot check it: ${m}`);
  if (flags.length > 0 || lines.length === 0) lines.push(describeFlags(flags));
  return { decision, flags, unchecked, text: lines.join("\n") };
}

/** ARR_POLICY=strict: `what` ("Cannot write stack \"x\"") refused, every flag listed. */
export function policyRefusal(what: string, v: PolicyVerdict): ToolFailure {
  return {
    kind: "policy_refused",
    message: `${what}: the content policy refuses it (ARR_POLICY=strict). Nothing was changed.\n${v.text}`,
  };
}

/** The verdict as the `policy` field shows it. */
export function policyReport(v: PolicyVerdict): z.infer<typeof policyField> {
  return { decision: v.decision, text: v.text, flags: v.flags.map((f) => ({ ...f })) };
}
