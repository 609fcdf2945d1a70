/** What an operation hands back to the HTTP layer. */
export type OpOutcome =
  /** The op ran: 200 `{ ok, output, exit_code }`. */
  | { kind: "done"; ok: boolean; output: string; exitCode: number }
  /** Bad input: 400 `{ ok: false, error, exit_code: 1 }`. */
  | { kind: "rejected"; error: string };

/** Order counters set while the op holds its lock, for the audit line. */
export interface OpTrace {
  seqStart: number | null;
  seqEnd: number | null;
}

export type Operation = (args: Record<string, unknown>, trace: OpTrace) => Promise<OpOutcome>;

export const OUTPUT_MAX_CHARS = 64 * 1024;

export function done(ok: boolean, output: string, exitCode: number): OpOutcome {
  return { kind: "done", ok, output: capOutput(output), exitCode };
}

export function rejected(error: string): OpOutcome {
  return { kind: "rejected", error };
}

/** Keeps the end of long output (errors come last) and says how much was dropped. */
export function capOutput(text: string, max = OUTPUT_MAX_CHARS): string {
  if (text.length <= max) return text;
  const dropped = text.length - max;
  return `[output truncated: first ${dropped} characters dropped]\n${text.slice(dropped)}`;
}

/** stdout then stderr, without empty parts. */
export function joinStreams(stdout: string, stderr: string): string {
  return [stdout.trimEnd(), stderr.trimEnd()].filter((s) => s !== "").join("\n");
}
