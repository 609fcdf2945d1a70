/**
 * The error line of each stopped container with a problem, for the overview's problem list: the last
 * `ERROR_LINE_TAIL` log lines, redacted, through lastErrorLine. Bounded: at most `max` containers, a few
 * calls at once. A failed log read leaves that container out; nothing throws.
 */
import type { RuntimeClient } from "../clients/runtime/client.ts";
import { mapLimit } from "../clients/runtime/store/map_limit.ts";
import { ERROR_LINE_TAIL, lastErrorLine } from "./error_line.ts";
import { redactLogs } from "./redact_view.ts";

const STOPPED = new Set(["exited", "stopped", "dead"]);

export interface ErrorLineOptions {
  /** @default 12 */
  max?: number;
  /** @default 4 */
  concurrency?: number;
}

export async function collectErrorLines(
  runtime: Pick<RuntimeClient, "logs">,
  containers: ReadonlyArray<{ id: string; state: string; problem: string | null }>,
  secrets: readonly string[],
  options: ErrorLineOptions = {},
): Promise<Map<string, string>> {
  const wanted = containers.filter((c) => c.problem !== null && STOPPED.has(c.state.toLowerCase()))
    .slice(0, options.max ?? 12);
  const out = new Map<string, string>();
  await mapLimit(wanted, options.concurrency ?? 4, async (c) => {
    const logs = await runtime.logs(c.id, { tail: ERROR_LINE_TAIL });
    const line = logs.ok ? lastErrorLine(redactLogs(logs.value, secrets)) : null;
    if (line !== null) out.set(c.id, line);
  });
  return out;
}
