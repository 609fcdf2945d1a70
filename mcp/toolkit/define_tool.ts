/**
 * The one way tool families register tools. It derives annotations from `access`, skips mutating tools in
 * read-only mode, audits every mutating call, turns `Result`s into tool results, and never lets an exception
 * reach the MCP layer as anything but a tool error.
 */
import type { McpServer } from "@modelcontextprotocol/server";
import type { CallToolResult, InputRequiredResult, ServerContext } from "@modelcontextprotocol/server";
import { z } from "zod";
import type { Result } from "../../shared/result.ts";
import { redactText } from "../../shared/redact/mod.ts";
import { inputObject, type Renamed } from "./arg_alias.ts";
import { outputObject, toolObject } from "./portable_schema.ts";
import type { ToolDeps } from "./deps.ts";
import type { ConfirmPath } from "../core/confirm.ts";
import { type ToolCall, toolCallOf } from "./tool_call.ts";
import { toolError, type ToolFailure, toolSuccess } from "./tool_result.ts";

export type ToolOutcome<T> = Result<T, ToolFailure>;

/** `read`: changes nothing (also offered in ARR_READ_ONLY mode). `write`: changes state; audited. */
export type ToolAccess = "read" | "write";

export interface ToolSpec<I extends z.ZodRawShape, O extends z.ZodRawShape> {
  /** snake_case, e.g. `container_list`. */
  name: string;
  title: string;
  /** Written for Claude: what it does and when to use it, in a sentence or two. */
  description: string;
  /** Every field with a short `.describe(...)`. */
  input: I;
  /** Old argument names still accepted (old → new); the new one's description says so. */
  renamed?: Renamed;
  /** Nullable fields as `.or(NULL)` (portable_schema.ts), so the JSON Schema is portable. */
  output: O;
  access: ToolAccess;
  /** Calling twice with the same arguments has no further effect. */
  idempotent: boolean;
  /** Reaches beyond this host's runtime, helper and files (e.g. a registry or remote API). @default false */
  openWorld?: boolean;
  run(args: z.infer<z.ZodObject<I>>): Promise<ToolOutcome<z.infer<z.ZodObject<O>>>>;
}

/** Registers a non-destructive tool. Destructive ones use `defineConfirmedTool` (confirm_tool.ts). */
export function defineTool<I extends z.ZodRawShape, O extends z.ZodRawShape>(
  server: McpServer,
  deps: ToolDeps,
  spec: ToolSpec<I, O>,
): void {
  if (spec.access === "write" && deps.config.readOnly) return;
  // The handler keeps only what a call needs: capturing `spec` would keep its zod shapes alive per server.
  const { name, access, run } = spec;
  registerRaw(server, deps, {
    name: spec.name,
    title: spec.title,
    description: spec.description,
    input: spec.input,
    ...(spec.renamed ? { renamed: spec.renamed } : {}),
    output: spec.output,
    annotations: {
      readOnlyHint: spec.access === "read",
      destructiveHint: false,
      idempotentHint: spec.idempotent,
      openWorldHint: spec.openWorld ?? false,
    },
    handler: async (args) => {
      if (access === "read") return toResult(await guarded(() => run(args as never), deps));
      return await audited(deps, name, args, async () => toResult(await run(args as never)));
    },
  });
}

export interface RawToolRegistration {
  name: string;
  title: string;
  description: string;
  input: z.ZodRawShape;
  renamed?: Renamed;
  output: z.ZodRawShape;
  annotations: {
    readOnlyHint: boolean;
    destructiveHint: boolean;
    idempotentHint: boolean;
    openWorldHint: boolean;
  };
  /** `call`: what the request allows beyond its arguments (tool_call.ts), e.g. asking the person. */
  handler(args: Record<string, unknown>, call: ToolCall): Promise<CallToolResult | InputRequiredResult>;
}

interface BuiltSchemas {
  inputSchema: z.ZodType;
  outputSchema: z.ZodType;
}

/**
 * The tool schemas an app's servers share, per ToolDeps (each endpoint's servers register with one deps object;
 * the registrations are pure in it, as the tools/list cache already relies on). Built once, not once per pooled
 * server: each zod object (and the parser zod compiles for it on first use) would otherwise cost every server
 * of the pool ~30 KB per tool, ~1.9 MB per server.
 */
const schemasByDeps = new WeakMap<ToolDeps, Map<string, BuiltSchemas>>();

function schemasOf(deps: ToolDeps, reg: RawToolRegistration): BuiltSchemas {
  let byName = schemasByDeps.get(deps);
  if (byName === undefined) schemasByDeps.set(deps, byName = new Map());
  let built = byName.get(reg.name);
  if (built === undefined) {
    built = {
      inputSchema: toolObject(inputObject(reg.input, reg.renamed)),
      outputSchema: outputObject(reg.output),
    };
    byName.set(reg.name, built);
  }
  return built;
}

/** The SDK's callback around `handler`, closing over nothing else of the registration. */
function handlerOf(handler: RawToolRegistration["handler"]) {
  return (args: Record<string, unknown>, ctx?: ServerContext) => handler(args, toolCallOf(ctx));
}

/** Thin typed-erased bridge to the SDK (its generics are too deep for a generic wrapper). */
export function registerRaw(server: McpServer, deps: ToolDeps, reg: RawToolRegistration): void {
  server.registerTool(
    reg.name,
    {
      title: reg.title,
      description: reg.description,
      ...schemasOf(deps, reg),
      annotations: reg.annotations,
    },
    handlerOf(reg.handler) as never,
  );
}

/**
 * Records attempted → succeeded/failed around a mutating call; exceptions become `internal` tool errors.
 * `confirmedBy`: how a destructive call was confirmed, recorded with both entries.
 */
export async function audited(
  deps: ToolDeps,
  tool: string,
  args: unknown,
  call: () => Promise<CallToolResult>,
  confirmedBy?: ConfirmPath,
): Promise<CallToolResult> {
  const callId = crypto.randomUUID();
  const how = confirmedBy === undefined ? {} : { confirmedBy };
  deps.audit.record({ callId, tool, phase: "attempted", args, ...how });
  const result = await guardedResult(call, deps);
  const detail = result.isError ? firstText(result) : "ok";
  deps.audit.record({ callId, tool, phase: result.isError ? "failed" : "succeeded", args, detail, ...how });
  return result;
}

export function toResult<T>(outcome: ToolOutcome<T>): CallToolResult {
  return outcome.ok ? toolSuccess(outcome.value as Record<string, unknown>) : toolError(outcome.error);
}

async function guarded<T>(call: () => Promise<ToolOutcome<T>>, deps: ToolDeps): Promise<ToolOutcome<T>> {
  try {
    return await call();
  } catch (e) {
    return { ok: false, error: internalFailure(e, deps) };
  }
}

async function guardedResult(call: () => Promise<CallToolResult>, deps: ToolDeps): Promise<CallToolResult> {
  try {
    return await call();
  } catch (e) {
    return toolError(internalFailure(e, deps));
  }
}

function internalFailure(e: unknown, deps: ToolDeps): ToolFailure {
  const message = e instanceof Error ? e.message : String(e);
  return { kind: "internal", message: redactText(`Internal error: ${message}`, [deps.config.apiKey ?? ""]) };
}

function firstText(result: CallToolResult): string {
  const first = result.content[0];
  return first && first.type === "text" ? first.text.split("\n")[0] ?? "" : "";
}
