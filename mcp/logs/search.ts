/** log_search's work: bounded scanning of log files and container logs for a validated pattern. */
import { findLogFiles } from "../fs/log_files.ts";
import { protectionOf } from "../fs/protected_files.ts";
import { readTailLines } from "../fs/read_text.ts";
import { redactSecrets } from "../../shared/redact/mod.ts";
import { resolveExisting, type ScopeRoot } from "../fs/scope.ts";
import { searchLines } from "../fs/search_lines.ts";
import type { Matcher } from "../fs/text_match.ts";
import type { RuntimeClient } from "../clients/runtime/client.ts";
import type { Pacer } from "../core/pacer.ts";

export interface SearchLimits {
  maxFiles: number;
  maxBytesPerFile: number;
  maxMatches: number;
  containerTail: number;
  /** Time slicing and the time budget of the whole search (sources not reached are listed in `skipped`). */
  pacer: Pacer;
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
  const { pacer } = limits;
  const outOfTime = (source: string, partly: boolean) => {
    report.limited = true;
    report.skipped.push({
      source,
      reason: `${partly ? "searched only in part" : "not searched"}: the search's time budget of ` +
        `${pacer.budgetMs / 1000} s was spent`,
    });
  };
  // Lines are redacted before they are matched, so a pattern cannot confirm a guessed secret by matching it.
  const add = async (source: string, raw: string[]) => {
    const left = limits.maxMatches - report.matches.length;
    const redacted = raw.map((line) => redactSecrets(line));
    const found = await searchLines(redacted.map((r) => r.text), matcher, left, pacer);
    for (const m of found.matches) {
      report.redactions += redacted[m.line - 1]?.count ?? 0;
      report.matches.push({ source, line: m.line, text: m.text });
    }
    if (found.limited) report.limited = true;
    if (found.outOfTime) outOfTime(source, true);
  };
  for (const file of sources.files) {
    if (report.matches.length >= limits.maxMatches) {
      report.limited = true;
      break;
    }
    if (pacer.spent) {
      outOfTime(file, false);
      continue;
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
      await add(file, tail.lines);
    } catch (e) {
      report.skipped.push({ source: file, reason: (e as Error).message });
    }
  }
  for (const name of sources.containers) {
    if (report.matches.length >= limits.maxMatches) {
      report.limited = true;
      break;
    }
    if (pacer.spent) {
      outOfTime(`container:${name}`, false);
      continue;
    }
    const res = await runtime.logs(name, { tail: limits.containerTail });
    if (!res.ok) {
      report.skipped.push({ source: `container:${name}`, reason: `${res.error.kind}: ${res.error.message}` });
      continue;
    }
    report.containers_searched.push(name);
    await add(`container:${name}`, res.value.map((l) => l.text));
  }
  return report;
}
