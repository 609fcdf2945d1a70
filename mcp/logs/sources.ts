/** Reading log lines from the two sources: files in the log dirs and container logs via the runtime client. */
import { protectionOf } from "../fs/protected_files.ts";
import { readTailLines } from "../fs/read_text.ts";
import { redactSecrets } from "../core/redact_secrets.ts";
import { resolveExisting, type ScopeRoot } from "../fs/scope.ts";
import type { RuntimeClient } from "../clients/runtime/client.ts";
import type { ToolOutcome } from "../toolkit/define_tool.ts";
import { refuse } from "../toolkit/fs_outcome.ts";

export interface SourceLine {
  stream: "file" | "stdout" | "stderr";
  text: string;
}

export interface SourceRead {
  source: string;
  lines: SourceLine[];
  truncated: boolean;
}

/** The last `lines` lines of a log file inside the log dirs, reading at most `maxBytes` from its end. */
export async function readLogFile(
  path: string,
  roots: readonly ScopeRoot[],
  options: { lines: number; maxBytes: number },
): Promise<SourceRead> {
  if (roots.length === 0) {
    refuse("outside_scope", `Cannot read "${path}": no log dirs are configured (set ARR_LOG_DIRS)`);
  }
  const scoped = await resolveExisting(path, roots);
  const info = await Deno.stat(scoped.path);
  if (!info.isFile) refuse("invalid_path", `Cannot read "${path}": not a regular file`);
  const protection = protectionOf(scoped.path);
  if (protection) refuse("protected", `Cannot read "${path}": ${protection.reason}`);
  const tail = await readTailLines(scoped.path, options);
  if (tail.binary) refuse("binary", `Cannot read "${path}": binary file (${tail.size} bytes)`);
  return {
    source: scoped.path,
    lines: tail.lines.map((text) => ({ stream: "file" as const, text })),
    truncated: tail.truncated,
  };
}

/** The last `lines` lines of a container's log (stdout and stderr). */
export async function readContainerLog(
  runtime: RuntimeClient,
  name: string,
  options: { lines: number; since?: number },
): Promise<ToolOutcome<SourceRead>> {
  const res = await runtime.logs(name, {
    tail: options.lines,
    ...(options.since === undefined ? {} : { since: options.since }),
  });
  if (!res.ok) {
    return {
      ok: false,
      error: {
        kind: res.error.kind,
        message: `Cannot read logs of container "${name}": ${res.error.message}`,
      },
    };
  }
  return {
    ok: true,
    value: {
      source: `container:${name}`,
      lines: res.value.map((l) => ({ stream: l.stream, text: l.text })),
      truncated: res.value.length >= options.lines,
    },
  };
}

/** Redacts secrets line by line; returns the lines and how many values were replaced. */
export function redactLines(lines: SourceLine[]): { lines: SourceLine[]; redactions: number } {
  let redactions = 0;
  const out = lines.map((l) => {
    const r = redactSecrets(l.text);
    redactions += r.count;
    return { stream: l.stream, text: r.text };
  });
  return { lines: out, redactions };
}
