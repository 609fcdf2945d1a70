/**
 * Client for arr-helper's `POST /command` (shared/helper_protocol.ts) over its Unix socket.
 * Never throws: a missing socket is `unavailable` with a message pointing to the README's setup section.
 */
import { err, ok, type Result } from "../../../shared/result.ts";
import { type HelperOp, HelperRejection, HelperSuccess } from "../../../shared/helper_protocol.ts";
import type { FetchLike } from "../../../shared/fetch_like.ts";

export type HelperErrorKind = "unavailable" | "unreachable" | "timeout" | "rejected" | "http" | "decode";

export interface HelperError {
  kind: HelperErrorKind;
  status?: number;
  message: string;
}

export interface HelperClient {
  readonly socket: string;
  /** `ok: true` when the helper ran the op; the value's own `ok` says whether the op succeeded. */
  call(
    op: HelperOp,
    args: Record<string, unknown>,
    options?: { timeoutMs?: number },
  ): Promise<Result<HelperSuccess, HelperError>>;
}

export const HELPER_SETUP_HINT = 'see the "arr-helper setup" section of the README';

export interface HelperClientOptions {
  socket: string;
  /** A fetch that reaches the socket (unixSocketFetch in production). */
  fetch: FetchLike;
  /** Tells whether the socket file exists now (checked per call: the helper may start later). */
  socketExists: (path: string) => Promise<boolean>;
  /** @default 120_000 (compose up/pull can be slow) */
  timeoutMs?: number;
}

export function createHelperClient(options: HelperClientOptions): HelperClient {
  const timeoutMs = options.timeoutMs ?? 120_000;
  return {
    socket: options.socket,
    async call(op, args, callOptions = {}) {
      const limitMs = callOptions.timeoutMs ?? timeoutMs;
      if (!(await options.socketExists(options.socket))) {
        return err({
          kind: "unavailable",
          message: `arr-helper is not running (no socket at ${options.socket}): stack, systemd and quadlet ` +
            `tools need it; ${HELPER_SETUP_HINT}`,
        });
      }
      let res: Response;
      try {
        res = await options.fetch("http://arr-helper/command", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ op, args }),
          signal: AbortSignal.timeout(limitMs),
        });
      } catch (e) {
        const timedOut = e instanceof DOMException && (e.name === "TimeoutError" || e.name === "AbortError");
        return err(
          timedOut
            ? { kind: "timeout", message: `arr-helper did not answer "${op}" within ${limitMs} ms` }
            : {
              kind: "unreachable",
              message: `Cannot reach arr-helper at ${options.socket}: ${
                (e as Error).message
              }; ${HELPER_SETUP_HINT}`,
            },
        );
      }
      const text = await res.text().catch(() => "");
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return err({
          kind: "decode",
          status: res.status,
          message: `arr-helper answered "${op}" with non-JSON`,
        });
      }
      if (res.status === 200) {
        const parsed = HelperSuccess.safeParse(body);
        if (parsed.success) return ok(parsed.data);
        return err({
          kind: "decode",
          status: 200,
          message: `arr-helper answered "${op}" in an unexpected shape`,
        });
      }
      if (res.status === 400) {
        const parsed = HelperRejection.safeParse(body);
        const reason = parsed.success ? parsed.data.error : text.slice(0, 200);
        return err({ kind: "rejected", status: 400, message: `arr-helper refused "${op}": ${reason}` });
      }
      return err({
        kind: "http",
        status: res.status,
        message: `arr-helper answered "${op}" with HTTP ${res.status}`,
      });
    },
  };
}
