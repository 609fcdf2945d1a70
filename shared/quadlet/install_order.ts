/**
 * The order in which units can be installed one by one when each write is checked by the quadlet generator
 * against the units already installed: networks, volumes and image builds first, then containers, a container that another
 * joins with `Network=x.container` or requires before that other one. Pure.
 */
import { parseUnit } from "./unit_file.ts";

export interface NamedUnit {
  fileName: string;
  text: string;
}

const KIND_RANK: Record<string, number> = { network: 0, volume: 1, build: 2, container: 3 };

export function installOrder<T extends NamedUnit>(units: readonly T[]): T[] {
  const rank = (u: T) => KIND_RANK[u.fileName.slice(u.fileName.lastIndexOf(".") + 1)] ?? 4;
  const base = [...units].sort((a, b) => rank(a) - rank(b) || (a.fileName < b.fileName ? -1 : 1));
  const containers = base.filter((u) => u.fileName.endsWith(".container"));
  const needs = new Map(containers.map((u) => [u.fileName, containerRefs(u.text)]));
  const placed = new Set<string>();
  const ordered: T[] = base.filter((u) => !u.fileName.endsWith(".container"));
  const visit = (u: T, seen: Set<string>) => {
    if (placed.has(u.fileName) || seen.has(u.fileName)) return;
    seen.add(u.fileName);
    for (const dep of needs.get(u.fileName) ?? []) {
      const target = containers.find((c) => c.fileName === dep);
      if (target) visit(target, seen);
    }
    placed.add(u.fileName);
    ordered.push(u);
  };
  for (const c of containers) visit(c, new Set());
  return ordered;
}

/** Containers this one joins (`Network=x.container`) or requires (`Requires=x.service`). */
function containerRefs(text: string): string[] {
  const unit = parseUnit(text);
  const joins = (unit.get("Container") ?? []).filter((l) =>
    l.key === "Network" && l.value.endsWith(".container")
  )
    .map((l) => l.value);
  const requires = (unit.get("Unit") ?? []).filter((l) => l.key === "Requires")
    .flatMap((l) => l.value.split(/\s+/)).filter((v) => v.endsWith(".service"))
    .map((v) => `${v.slice(0, -8)}.container`);
  return [...joins, ...requires];
}
