/**
 * HTTP routing for the helper: only `POST /command`, bodies up to 128 KiB, JSON `{op, args}` checked before
 * dispatch, one audit line per request. Runs on any `Request`, so tests need no socket.
 */
import { type HelperOp, HelperRequest } from "../shared/helper_protocol.ts";
import { HELPER_MAX_BODY_BYTES } from "../shared/limits.ts";
import { auditArgs, type AuditEntry, formatAuditLine, type Outcome } from "./audit.ts";
import type { Operation, OpOutcome, OpTrace } from "./outcome.ts";
import { validateArgKeys, validateOp } from "./validate.ts";
import { BodyTooLargeError, readCappedBytes } from "../shared/capped_body.ts";

export interface HandlerDeps {
  operations: Record<HelperOp, Operation>;
  /** Receives one JSON line per request. */
  audit: (line: string) => void;
  /** Wall clock for the audit time stamp. */
  now: () => Date;
  /** Monotonic milliseconds for durations. */
  elapsed: () => number;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

function rejection(status: number, error: string): Response {
  return json(status, { ok: false, error, exit_code: 1 });
}

/** The request body as strict UTF-8, at most `limit` bytes (BodyTooLargeError beyond). */
async function readLimited(req: Request, limit: number): Promise<string> {
  const bytes = await readCappedBytes(req.body, req.headers.get("content-length"), limit);
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}

function describeIssue(issue: { path: PropertyKey[]; message: string }): string {
  const field = issue.path.map(String).join(".") || "body";
  return `Invalid request: "${field}": ${issue.message}`;
}

export function createHandler(deps: HandlerDeps): (req: Request) => Promise<Response> {
  return async function handle(req: Request): Promise<Response> {
    const started = deps.elapsed();
    const trace: OpTrace = { seqStart: null, seqEnd: null };
    let op = "-";
    let args: Record<string, unknown> = {};
    const finish = (outcome: Outcome, exitCode: number, response: Response, error?: string) => {
      const entry: AuditEntry = {
        time: deps.now().toISOString(),
        op,
        args: auditArgs(args),
        outcome,
        exit_code: exitCode,
        duration_ms: Math.round(deps.elapsed() - started),
        seq_start: trace.seqStart,
        seq_end: trace.seqEnd,
        ...(error === undefined ? {} : { error }),
      };
      deps.audit(formatAuditLine(entry));
      return response;
    };
    const reject = (status: number, error: string) => finish("rejected", 1, rejection(status, error), error);

    const path = new URL(req.url).pathname;
    if (req.method !== "POST" || path !== "/command") {
      return reject(404, `Not found: ${req.method} ${JSON.stringify(path)}; use POST /command`);
    }
    let text: string;
    try {
      text = await readLimited(req, HELPER_MAX_BODY_BYTES);
    } catch (e) {
      if (e instanceof BodyTooLargeError) {
        return reject(413, `Request body is larger than ${HELPER_MAX_BODY_BYTES} bytes`);
      }
      return reject(400, "Cannot read request body: it is not valid UTF-8");
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (e) {
      return reject(400, `Cannot parse request body: ${e instanceof Error ? e.message : "invalid JSON"}`);
    }
    const request = HelperRequest.safeParse(body);
    if (!request.success) {
      return reject(400, describeIssue(request.error.issues[0] ?? { path: [], message: "?" }));
    }
    op = request.data.op;
    args = request.data.args;
    const known = validateOp(op);
    if (!known.ok) return reject(400, known.error);
    const keys = validateArgKeys(known.value, args);
    if (!keys.ok) return reject(400, keys.error);

    let outcome: OpOutcome;
    try {
      outcome = await deps.operations[known.value](args, trace);
    } catch (e) {
      const message = `Internal error in "${op}": ${e instanceof Error ? e.message : String(e)}`;
      return finish("error", 1, json(500, { ok: false, error: message, exit_code: 1 }), message);
    }
    if (outcome.kind === "rejected") return reject(400, outcome.error);
    const body200 = { ok: outcome.ok, output: outcome.output, exit_code: outcome.exitCode };
    return finish(outcome.ok ? "ok" : "failed", outcome.exitCode, json(200, body200));
  };
}
