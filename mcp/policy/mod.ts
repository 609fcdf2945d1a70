/**
 * The content policy for stacks and quadlets: what in a compose file or a quadlet unit could reach the host
 * or arr-mcp's own secrets, in words a person can approve. Pure (no I/O, no clock); see docs/policy.md.
 */
export { checkCompose } from "./check_compose.ts";
export { checkQuadlet, type QuadletCheckOptions } from "./check_quadlet.ts";
export { describeFlags, NOTHING_FLAGGED } from "./describe_flags.ts";
export { type PolicyDecision, policyDecision } from "./policy_mode.ts";
export { ALLOWED_CAPABILITIES } from "./capabilities.ts";
export type { PolicyContext, PolicyError, PolicyFlag, PolicyRule, Severity } from "./types.ts";
