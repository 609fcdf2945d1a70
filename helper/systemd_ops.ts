/** The systemd ops: `systemctl --user`, with argv fixed per op and the unit validated beforehand. */
import { done, joinStreams, type OpOutcome } from "./outcome.ts";
import { type Runner, TIMEOUT_EXIT_CODE } from "./run_command.ts";

export type SystemdVerb = "start" | "stop" | "restart" | "status" | "daemon-reload";

/** The exact argv for each verb; status prints full lines, a bounded log tail and never pages. */
export function systemctlArgs(verb: SystemdVerb, unit: string | null): string[] {
  switch (verb) {
    case "daemon-reload":
      return ["--user", "daemon-reload"];
    case "status":
      return ["--user", "--no-pager", "--full", "--lines=20", "status", unit ?? ""];
    default:
      return ["--user", "--no-pager", verb, unit ?? ""];
  }
}

/** Exit 3 from `status` means "not active": the status itself was read, so the op succeeded. */
export async function runSystemctl(
  runner: Runner,
  verb: SystemdVerb,
  unit: string | null,
): Promise<OpOutcome> {
  const run = await runner("systemctl", systemctlArgs(verb, unit));
  const text = joinStreams(run.stdout, run.stderr);
  if (run.timedOut) return done(false, `Timed out: ${text}`, TIMEOUT_EXIT_CODE);
  const okNow = run.code === 0 || (verb === "status" && run.code === 3);
  return done(okNow, text, run.code);
}
