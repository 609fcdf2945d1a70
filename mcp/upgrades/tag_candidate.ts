/**
 * Which tag a running tag should move to: Renovate-docker-style tag families. A family is one prefix
 * (`develop-`, `nightly-`, `v`, an arch), one suffix (`-alpine`, with linuxserver's `-ls<N>` and Alpine's
 * `-r<N>` build counters split off) and one number of release parts; a candidate never leaves its family, so a
 * `latest` user is never offered `develop-*` and `6.0.3.10276` never becomes the moving `6.0.4`. Pure.
 */

export type UpgradeKind = "digest" | "build" | "patch" | "minor" | "major";

export interface ParsedTag {
  tag: string;
  prefix: string;
  release: number[];
  /** `-alpine`, `-ls` (the counter removed), `` … */
  suffix: string;
  /** linuxserver `-ls<N>` or `-r<N>`; null without a counter. */
  build: number | null;
  /** The first part looks like a year (2024.12.1): it moves every January, saying nothing of compatibility. */
  calendar: boolean;
}

const TAG = /^((?:[a-z][a-z0-9]*-)*v?)(\d{1,9}(?:\.\d{1,9}){0,3})((?:-[a-z][a-z0-9._]*)*)$/;
const COUNTER = /^(.*-(?:ls|r))(\d{1,9})$/;

/** The tag's parts, or null for a floating or opaque tag (`latest`, `develop`, `5.0.0RC3`): compare by digest. */
export function parseTag(tag: string): ParsedTag | null {
  const m = TAG.exec(tag);
  if (m === null) return null;
  const [, prefix = "", version = "", rest = ""] = m;
  const counter = COUNTER.exec(rest);
  const release = version.split(".").map(Number);
  const first = release[0] ?? 0;
  return {
    tag,
    prefix,
    release,
    suffix: counter ? counter[1] ?? "" : rest,
    build: counter ? Number(counter[2]) : null,
    calendar: first >= 1990 && first <= 2199,
  };
}

export function sameFamily(a: ParsedTag, b: ParsedTag): boolean {
  return a.prefix === b.prefix && a.suffix === b.suffix && a.release.length === b.release.length;
}

/** How `to` differs from `from` (same family), or null when `to` is not newer. */
export function kindBetween(from: ParsedTag, to: ParsedTag): UpgradeKind | null {
  for (let i = 0; i < Math.max(from.release.length, to.release.length); i++) {
    const a = from.release[i] ?? 0;
    const b = to.release[i] ?? 0;
    if (b < a) return null;
    if (b > a) {
      if (i === 0) return from.calendar ? "minor" : "major";
      return i === 1 ? "minor" : "patch";
    }
  }
  return (to.build ?? 0) > (from.build ?? 0) ? "build" : null;
}

export interface Candidate {
  tag: string;
  kind: UpgradeKind;
}

/** The newest tag of `current`'s family, or null (none newer, or `current` floats: compare its digest). */
export function pickCandidate(current: string, tags: readonly string[]): Candidate | null {
  const from = parseTag(current);
  if (from === null) return null;
  let best: ParsedTag | null = null;
  for (const tag of tags) {
    const to = parseTag(tag);
    if (to === null || !sameFamily(from, to) || kindBetween(from, to) === null) continue;
    if (best === null || kindBetween(best, to) !== null) best = to;
  }
  if (best === null) return null;
  const kind = kindBetween(from, best);
  return kind === null ? null : { tag: best.tag, kind };
}
