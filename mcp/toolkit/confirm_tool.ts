/**
 * Destructive tools: preview first, execute only with a token bound to that exact operation.
 *
 * Called without `confirm_token`: `plan(args)` works out exactly what would happen (changing nothing); if it
 * needs confirmation, the tool returns `status: "confirmation_required"`, a `preview` and a `confirm_token`.
 * Called with the token: `plan(args)` runs again, and only if the token was issued for this tool and an
 * identical `operation` (and is unexpired and unused) does `execute(operation)` run. A plan that needs no
 * confirmation (e.g. writing a file that does not exist yet) executes straight away.
 *
 * A person's confirmation (protocol 2026-07-28, a client that declared form elicitation, ARR_CONFIRM auto or
 * elicit): instead of a token for the model, the tool answers `input_required` with one dialog (the preview
 * written for a person, approve/deny) and the token as `requestState`. Only the client's retry carrying that
 * state and an approving answer executes, after planning again; a deny, a changed operation, or a forged,
 * replayed or expired state executes nothing. The audit log records which way each call was confirmed.
 */
import {
  type CallToolResult,
  inputRequired,
  inputResponse,
  type McpServer,
} from "@modelcontextprotocol/server";
import { z } from "zod";
import type { ToolDeps } from "./deps.ts";
import type { Renamed } from "./arg_alias.ts";
import { audited, registerRaw, type ToolOutcome, toResult } from "./define_tool.ts";
import { freeObject } from "./portable_schema.ts";
import { toolError } from "./tool_result.ts";
import type { ConfirmPath } from "../core/confirm.ts";
import { CONFIRM_INPUT, confirmMessage, confirmRequest, isApproval } from "./confirm_preview.ts";

export interface Plan<Op> {
  /** The resolved operation (absolute paths, container ids, content digests …); the token is bound to it. */
  operation: Op;
  /** One line for a human: `Remove container "sonarr" (running, image lscr.io/linuxserver/sonarr)`. */
  summary: string;
  /** What exactly would change, for the preview (diff, files, containers). Never secrets. */
  details: Record<string, unknown>;
  /** False when nothing destructive would happen (then the call executes without a token). */
  needsConfirmation: boolean;
}

export interface ConfirmedToolSpec<I extends z.ZodRawShape, O extends z.ZodRawShape, Op> {
  name: string;
  title: string;
  /** Written for Claude. The confirm line (`confirmLine`) is appended automatically. */
  description: string;
  /**
   * When the call needs confirmation, if not always: "if it is running", "when replacing a file". Without it
   * every call needs a token.
   */
  destructiveWhen?: string;
  /** `confirm_token` is added automatically. */
  input: I;
  /** Old argument names still accepted (old → new). */
  renamed?: Renamed;
  /** The shape of `result` once executed. */
  output: O;
  idempotent: boolean;
  /** @default false */
  openWorld?: boolean;
  plan(args: z.infer<z.ZodObject<I>>): Promise<ToolOutcome<Plan<Op>>>;
  execute(operation: Op): Promise<ToolOutcome<z.infer<z.ZodObject<O>>>>;
}

/**
 * The one line a destructive tool's description gets; the flow itself is explained once, in the server
 * instructions (SERVER_INSTRUCTIONS in mcp/server/mcp_server.ts).
 */
export function confirmLine(destructiveWhen?: string): string {
  return `Destructive${destructiveWhen ? ` ${destructiveWhen}` : ""}: confirm flow (see instructions).`;
}

export const confirmTokenField = z.string().max(512).optional().describe(
  "From the approved preview",
);

export const previewSchema = z.object({ summary: z.string(), details: freeObject() });

/**
 * Output of every confirmed tool: `confirmation_required` with preview, confirm_token and expires_at, or
 * `done` with result. Undescribed: SERVER_INSTRUCTIONS explain it once.
 */
export function confirmedOutput<O extends z.ZodRawShape>(output: O) {
  return {
    status: z.enum(["confirmation_required", "done"]),
    preview: previewSchema.optional(),
    confirm_token: z.string().optional(),
    expires_at: z.string().optional(),
    result: z.object(output).optional(),
  };
}

export function defineConfirmedTool<I extends z.ZodRawShape, O extends z.ZodRawShape, Op>(
  server: McpServer,
  deps: ToolDeps,
  spec: ConfirmedToolSpec<I, O, Op>,
): void {
  if (deps.config.readOnly) return;
  const act: Acting<I, O, Op> = { name: spec.name, plan: spec.plan, execute: spec.execute };
  registerRaw(server, deps, {
    name: spec.name,
    title: spec.title,
    description: `${spec.description} ${confirmLine(spec.destructiveWhen)}`,
    input: { ...spec.input, confirm_token: confirmTokenField },
    ...(spec.renamed ? { renamed: spec.renamed } : {}),
    output: confirmedOutput(spec.output),
    annotations: {
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: spec.idempotent,
      openWorldHint: spec.openWorld ?? false,
    },
    handler: async (rawArgs, call) => {
      const { confirm_token: token, ...args } = rawArgs as
        & { confirm_token?: string }
        & Record<string, unknown>;
      const planned = await planSafely(act, args);
      if (!planned.ok) return toResult(planned);
      const plan = planned.value;
      const mode = deps.config.confirm ?? "auto";
      const redeemThenExecute = (state: string, path: ConfirmPath) =>
        audited(deps, act.name, args, async () => {
          const redeemed = await deps.confirm.redeem(state, act.name, plan.operation, path);
          if (!redeemed.ok) return refused(act.name, redeemed.error, path);
          return await executed(act, plan.operation);
        }, path);

      if (call.requestState !== undefined) {
        // The client's retry after the dialog: only the person's approval, with the state issued for it, runs.
        if (!isApproval(inputResponse(call.inputResponses, CONFIRM_INPUT))) {
          const state = call.requestState;
          // Recorded like a refused token; the state is used up, so it cannot be answered again.
          return await audited(deps, act.name, args, async () => {
            await deps.confirm.redeem(state, act.name, plan.operation, "elicitation");
            return toolError({
              kind: "confirm_declined",
              message: `The person did not approve ${act.name}: nothing was changed`,
            });
          }, "elicitation");
        }
        return await redeemThenExecute(call.requestState, "elicitation");
      }
      if (token !== undefined) {
        if (mode === "elicit") return elicitOnly(act.name, "confirm_token is not accepted");
        return await redeemThenExecute(token, "token");
      }
      if (!plan.needsConfirmation) {
        return await audited(deps, act.name, args, () => executed(act, plan.operation));
      }
      if (mode !== "token" && call.canElicit) return askPerson(deps, act.name, plan);
      if (mode === "elicit") return elicitOnly(act.name, "this client cannot show confirmation dialogs");
      const issued = deps.confirm.issue(act.name, plan.operation);
      return toResult({
        ok: true,
        value: {
          status: "confirmation_required",
          preview: { summary: plan.summary, details: plan.details },
          confirm_token: issued.token,
          expires_at: new Date(issued.expiresAt).toISOString(),
        },
      });
    },
  });
}

/** What a call needs of its spec; the handler keeps only this, not the spec's zod shapes (define_tool.ts). */
type Acting<I extends z.ZodRawShape, O extends z.ZodRawShape, Op> = Pick<
  ConfirmedToolSpec<I, O, Op>,
  "name" | "plan" | "execute"
>;

async function executed<I extends z.ZodRawShape, O extends z.ZodRawShape, Op>(
  spec: Acting<I, O, Op>,
  operation: Op,
): Promise<CallToolResult> {
  const done = await spec.execute(operation);
  return toResult(done.ok ? { ok: true, value: { status: "done", result: done.value } } : done);
}

/** `input_required`: one dialog for the person; the token, bound to the elicitation path, is the state. */
function askPerson<Op>(deps: ToolDeps, tool: string, plan: Plan<Op>) {
  const issued = deps.confirm.issue(tool, plan.operation, "elicitation");
  return inputRequired({
    inputRequests: { [CONFIRM_INPUT]: confirmRequest(confirmMessage(tool, plan.summary, plan.details)) },
    requestState: issued.token,
  });
}

function refused(tool: string, error: { kind: string; message: string }, path: ConfirmPath): CallToolResult {
  const again = path === "token"
    ? `call ${tool} again without confirm_token for a fresh preview`
    : `call ${tool} again to ask once more`;
  const message = path === "token"
    ? error.message
    : error.message.replace("confirm_token", "the confirmation");
  return toolError({ kind: `confirm_${error.kind}`, message: `${message}. Nothing was changed; ${again}` });
}

function elicitOnly(tool: string, why: string): CallToolResult {
  return toolError({
    kind: "confirm_unavailable",
    message:
      `Cannot run ${tool}: ARR_CONFIRM=elicit requires a person to approve it in a confirmation dialog, ` +
      `and ${why}. Nothing was changed; use a client with elicitation (e.g. Claude Code) or set ARR_CONFIRM=auto`,
  });
}

async function planSafely<I extends z.ZodRawShape, O extends z.ZodRawShape, Op>(
  spec: Acting<I, O, Op>,
  args: Record<string, unknown>,
): Promise<ToolOutcome<Plan<Op>>> {
  try {
    return await spec.plan(args as never);
  } catch (e) {
    return { ok: false, error: { kind: "internal", message: `Internal error: ${(e as Error).message}` } };
  }
}
