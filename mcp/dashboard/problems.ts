import { formatDuration } from "../../templates/format.ts";

/**
 * What counts as a problem on the dashboard. Pure: the same rules mark rows in the HTML, feed the summary
 * and are shipped in /api/status (`problem` fields) so the live-update script never re-implements them.
 */

export interface ContainerFacts {
  state: string;
  health: string | null;
  restart_count: number | null;
}

/** Restarts at or above this count are flagged even while the container runs (crash loop). */
export const RESTART_WARN_COUNT = 5;

/** A short reason (`exited`, `unhealthy` …) or null when the container looks fine. */
export function containerProblem(c: ContainerFacts): string | null {
  const state = c.state.toLowerCase();
  if (state === "restarting") return "restarting";
  if (state === "dead") return "dead";
  if (state === "exited" || state === "stopped") return state;
  if (state === "created" || state === "configured") return "never started";
  if (state === "paused") return "paused";
  if (c.health === "unhealthy") return "unhealthy";
  if (state !== "running") return state === "" ? "unknown state" : state;
  if (c.restart_count !== null && c.restart_count >= RESTART_WARN_COUNT) {
    return `restarted ${c.restart_count} times`;
  }
  return null;
}

export interface StackFacts {
  name: string;
  state: string;
  running: number;
  containers: ReadonlyArray<{ name: string; state: string }>;
}

/** `partial` (some containers down) and `stopped` are problems; `running` and `unknown` are not. */
export function stackProblem(s: StackFacts): string | null {
  if (s.state === "partial") return `${s.running} of ${s.containers.length} containers running`;
  if (s.state === "stopped") return s.containers.length === 0 ? "no containers" : "all containers stopped";
  return null;
}

/** What the problem list says of one container; the last run's facts are optional (older callers). */
export interface ContainerProblemFacts {
  name: string;
  problem: string | null;
  exit_code?: number | null;
  finished_at?: string | null;
  /** The redacted log line that most likely says why it stopped (error_line.ts). */
  error_line?: string | null;
}

/** `exited (1) 5m 3s ago: Error: config.xml is not writable`; just the problem when the facts are missing. */
export function containerProblemText(c: ContainerProblemFacts, nowMs: number | null): string {
  if (c.problem === null) return "";
  let text = c.problem;
  if (c.exit_code !== null && c.exit_code !== undefined && /^(exited|stopped|dead)$/.test(c.problem)) {
    text += ` (${c.exit_code})`;
    const ended = c.finished_at ? Date.parse(c.finished_at) : NaN;
    if (nowMs !== null && !Number.isNaN(ended) && nowMs >= ended) {
      text += ` ${formatDuration(nowMs - ended)} ago`;
    }
  }
  return c.error_line ? `${text}: ${c.error_line}` : text;
}

export interface StatusFacts {
  /** `generated_at` dates "5m ago"; without it no age is shown. */
  arr_mcp?: { generated_at: string };
  runtime: { available: boolean; error: string | null };
  helper: { available: boolean; error: string | null };
  containers: ReadonlyArray<ContainerProblemFacts>;
  stacks: ReadonlyArray<StackFacts>;
  stacks_error: string | null;
  disks: ReadonlyArray<{ label: string; used_percent: number | null; error: string | null }>;
}

/** Disks fuller than this are a problem. */
export const DISK_WARN_PERCENT = 90;

/** One line per problem, most fundamental first (runtime, helper, disks, stacks, containers). */
export function statusProblems(s: StatusFacts): string[] {
  const out: string[] = [];
  if (!s.runtime.available) out.push(`Container runtime unavailable: ${s.runtime.error ?? "unknown reason"}`);
  if (!s.helper.available) out.push(`arr-helper unavailable: ${s.helper.error ?? "unknown reason"}`);
  if (s.stacks_error !== null) out.push(s.stacks_error);
  for (const d of s.disks) {
    if (d.error !== null) out.push(`Disk usage of ${d.label} unknown: ${d.error}`);
    else if (d.used_percent !== null && d.used_percent >= DISK_WARN_PERCENT) {
      out.push(`${d.label} disk is ${d.used_percent}% full`);
    }
  }
  for (const st of s.stacks) {
    const p = stackProblem(st);
    if (p !== null) out.push(`Stack ${st.name}: ${p}`);
  }
  const generated = s.arr_mcp ? Date.parse(s.arr_mcp.generated_at) : NaN;
  const now = Number.isNaN(generated) ? null : generated;
  for (const c of s.containers) {
    if (c.problem !== null) out.push(`Container ${c.name}: ${containerProblemText(c, now)}`);
  }
  return out;
}

/** The status with its problem summary, as the overview page and `dashboard_show` present it. */
export function withProblems<S extends StatusFacts>(
  status: S,
): { [K in keyof S]: S[K] } & { problems: string[] } {
  return { ...status, problems: statusProblems(status) };
}
