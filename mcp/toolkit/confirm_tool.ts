/**
 * Destructive tools: preview first, execute only with a token bound to that exact operation.
 *
 * Called without `confirm_token`: `plan(args)` works out exactly what would happen (changing nothing); if it
 * needs confirmation, the tool returns `status: "confirmation_required"`, a `preview` and a `confirm_token`.
 * Called with the token: `plan(args)` runs again, and only if the token was issued for this tool and an
 * identical `operation` (and is unexpired and unused) does `execute(operation)` run. A plan that needs no
 * confirmation (e.g. writing a file that does not exist yet) executes straight away.
 */
import type { McpServer } from "@modelcontextprotocol/server";
import { z } from "zod";
import type { ToolDeps } from "./deps.ts";
import type { Renamed } from "./arg_alias.ts";
import { audited, registerRaw, type ToolOutcome, toResult } from "./define_tool.ts";
import { freeObject } from "./portable_schema.ts";
import { toolError } from "./tool_result.ts";

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
  "From this tool's preview, once the user approved it",
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
  registerRaw(server, {
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
    handler: async (rawArgs) => {
      const { confirm_token: token, ...args } = rawArgs as
        & { confirm_token?: string }
        & Record<string, unknown>;
      const planned = await planSafely(spec, args);
      if (!planned.ok) return toResult(planned);
      const plan = planned.value;
      if (token === undefined && plan.needsConfirmation) {
        const issued = deps.confirm.issue(spec.name, plan.operation);
        return toResult({
          ok: true,
          value: {
            status: "confirmation_required",
            preview: { summary: plan.summary, details: plan.details },
            confirm_token: issued.token,
            expires_at: new Date(issued.expiresAt).toISOString(),
          },
        });
      }
      return await audited(deps, spec.name, args, async () => {
        if (token !== undefined) {
          const redeemed = await deps.confirm.redeem(token, spec.name, plan.operation);
          if (!redeemed.ok) {
            return toolError({
              kind: `confirm_${redeemed.error.kind}`,
              message: `${redeemed.error.message}. Nothing was changed; call ${spec.name} again without ` +
                "confirm_token for a fresh preview",
            });
          }
        }
        const done = await spec.execute(plan.operation);
        return toResult(done.ok ? { ok: true, value: { status: "done", result: done.value } } : done);
      });
    },
  });
}

async function planSafely<I extends z.ZodRawShape, O extends z.ZodRawShape, Op>(
  spec: ConfirmedToolSpec<I, O, Op>,
  args: Record<string, unknown>,
): Promise<ToolOutcome<Plan<Op>>> {
  try {
    return await spec.plan(args as never);
  } catch (e) {
    return { ok: false, error: { kind: "internal", message: `Internal error: ${(e as Error).message}` } };
  }
}
