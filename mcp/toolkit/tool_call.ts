/**
 * What a tool handler may know about its request beyond the arguments, read from the SDK's context: whether
 * the client can show a form dialog in this request, and a retried request's answers and echoed state
 * (protocol 2026-07-28 multi-round-trip). Both come from the client: untrusted input.
 */
import { CLIENT_CAPABILITIES_META_KEY, type ServerContext } from "@modelcontextprotocol/server";

export interface ToolCall {
  /**
   * A 2026-07-28 request whose client declared form elicitation: it can show a dialog and send the person's
   * answer back. (2025-era stateless requests cannot: the server has no channel to ask them.)
   */
  canElicit: boolean;
  /** `inputResponses` of a retried request, keyed by the server's input request names. */
  inputResponses?: Record<string, unknown>;
  /** The `requestState` the client echoed back, as received. */
  requestState?: string;
}

/** A request that can elicit nothing (2025 revisions, in-memory tests). */
export const PLAIN_CALL: ToolCall = { canElicit: false };

interface ElicitationCapability {
  form?: unknown;
  url?: unknown;
}

/** Form mode: declared as `form`, or an empty `elicitation: {}` (the spec's backward-compatible default). */
export function canElicitForm(capabilities: unknown): boolean {
  if (capabilities === null || typeof capabilities !== "object") return false;
  const elicitation = (capabilities as { elicitation?: ElicitationCapability }).elicitation;
  if (elicitation === null || typeof elicitation !== "object") return false;
  return elicitation.form !== undefined || elicitation.url === undefined;
}

export function toolCallOf(ctx: ServerContext | undefined): ToolCall {
  const envelope = ctx?.mcpReq.envelope as Record<string, unknown> | undefined;
  if (ctx === undefined || envelope === undefined) return PLAIN_CALL;
  const state = ctx.mcpReq.requestState();
  return {
    canElicit: canElicitForm(envelope[CLIENT_CAPABILITIES_META_KEY]),
    ...(ctx.mcpReq.inputResponses ? { inputResponses: ctx.mcpReq.inputResponses } : {}),
    ...(typeof state === "string" ? { requestState: state } : {}),
  };
}
