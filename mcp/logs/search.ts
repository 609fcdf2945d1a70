/** log_search's work: bounded scanning of log files and container logs for a validated pattern. */
import { findLogFiles } from "../fs/log_files.ts";
import { protectionOf } from "../fs/protected_files.ts";
import { readTailLines } from "../fs/read_text.ts";
import { redactSecrets } from "../core/redact_secrets.ts";
import { resolveExisting, type ScopeRoot } from "../fs/scope.ts";
import { searchLines } from "../fs/search_lines.ts";
import type { Matcher } from "../fs/text_match.ts";
import type { RuntimeClient } from "../clients/runtime/client.ts";

export interface SearchLimits {
  maxFiles: number;
  maxBytesPerFile: number;
  maxMatches: number;
  containerTail: number;
}

export interface SearchMatch {
  source: string;
  /** Line number within the scanned part (the last max_bytes_per_file of a file, the tail of a container log). */
  line: number;
  text: string;
}

export interface SearchReport {
  matches: SearchMatch[];
  files_searched: string[];
  containers_searched: string[];
  skipped: Array<{ source: string; reason: string }>;
  /** True when max_matches, max_files or a walk limit stopped the search early. */
  limited: boolean;
  bytes_scanned: number;
  redactions: number;
}

/** Log files to scan: one file, or the newest files below a directory (default: every log dir). */
export async function logFilesFor(
  path: string | undefined,
  roots: readonly ScopeRoot[],
  maxFiles: number,
): Promise<{ files: string[]; limited: boolean }> {
  const dirs: string[] = [];
  if (path !== undefined) {
    const scoped = await resolveExisting(path, roots);
    const info = await Deno.stat(scoped.path);
    if (info.isFile) return { files: [scoped.path], limited: false };
    dirs.push(scoped.path);
  } else {
    for (const r of roots) {
      const real = await Deno.realPath(r.path).catch(() => null);
      if (real) dirs.push(real);
    }
  }
  const all = [];
  let complete = true;
  for (const dir of dirs) {
    const found = await findLogFiles(dir, { maxEntries: 20_000, maxDepth: 6 });
    all.push(...found.files);
    complete &&= found.complete;
  }
  all.sort((a, b) => (b.modified ?? "").localeCompare(a.modified ?? ""));
  return { files: all.slice(0, maxFiles).map((f) => f.path), limited: !complete || all.length > maxFiles };
}

export async function searchLogs(
  matcher: Matcher,
  sources: { files: string[]; containers: string[] },
  runtime: RuntimeClient,
  limits: SearchLimits,
): Promise<SearchReport> {
  const report: SearchReport = {
    matches: [],
    files_searched: [],
    containers_searched: [],
    skipped: [],
    limited: false,
    bytes_scanned: 0,
    redactions: 0,
  };
  const add = (source: string, lines: string[]) => {
    const left = limits.maxMatches - report.matches.length;
    const found = searchLines(lines.join("\n"), matcher, left);
    for (const m of found.matches) {
      const r = redactSecrets(m.text);
      report.redactions += r.count;
      report.matches.push({ source, line: m.line, text: r.text });
    }
    if (found.limited) report.limited = true;
  };
  for (const file of sources.files) {
    if (report.matches.length >= limits.maxMatches) {
      report.limited = true;
      break;
    }
    if (protectionOf(file)) {
      report.skipped.push({ source: file, reason: "protected file" });
      continue;
    }
    try {
      const tail = await readTailLines(file, {
        lines: Number.MAX_SAFE_INTEGER,
        maxBytes: limits.maxBytesPerFile,
      });
      if (tail.binary) {
        report.skipped.push({ source: file, reason: "binary file" });
        continue;
      }
      report.files_searched.push(file);
      report.bytes_scanned += Math.min(tail.size, limits.maxBytesPerFile);
      if (tail.truncated) report.limited = true;
      add(file, tail.lines);
    } catch (e) {
      report.skipped.push({ source: file, reason: (e as Error).message });
    }
  }
  for (const name of sources.containers) {
    if (report.matches.length >= limits.maxMatches) {
      report.limited = true;
      break;
    }
    const res = await runtime.logs(name, { tail: limits.containerTail });
    if (!res.ok) {
      report.skipped.push({ source: `container:${name}`, reason: `${res.error.kind}: ${res.error.message}` });
      continue;
    }
    report.containers_searched.push(name);
    add(`container:${name}`, res.value.map((l) => l.text));
  }
  return report;
}
