/**
 * The output model: a unit is ordered sections of fields. A field holds logical words (already made literal for
 * systemd); word-list keys are quoted on output, every other key is written as its single value.
 */
import { quoteWords } from "./systemd_quote.ts";
import type { UnitKind } from "./versions.ts";
import { lookupTable } from "./lookup_table.ts";

export interface Field {
  key: string;
  words: string[];
}

export interface Section {
  name: string;
  fields: Field[];
}

export interface UnitDraft {
  fileName: string;
  kind: UnitKind;
  sections: Section[];
}

/** Keys that quadlet splits into words (quoted lists); all others are taken as one raw value per line. */
export const WORD_KEYS: Readonly<Record<string, ReadonlySet<string>>> = lookupTable({
  Container: new Set([
    "Exec",
    "Environment",
    "Label",
    "Annotation",
    "AddCapability",
    "DropCapability",
    "Sysctl",
    "PodmanArgs",
    "Mask",
    "Unmask",
  ]),
  Network: new Set(["Label", "PodmanArgs"]),
  Volume: new Set(["Label", "PodmanArgs"]),
  Build: new Set(["Label", "PodmanArgs", "Annotation", "Environment"]),
});

export const MAIN_SECTION: Record<UnitKind, string> = {
  container: "Container",
  network: "Network",
  volume: "Volume",
  build: "Build",
};

const SECTION_ORDER = ["Unit", "Container", "Network", "Volume", "Build", "Service", "Install"];

/** A new draft with the main section and empty [Unit]/[Service]/[Install]. */
export function newDraft(fileName: string, kind: UnitKind): UnitDraft {
  return {
    fileName,
    kind,
    sections: ["Unit", MAIN_SECTION[kind], "Service", "Install"].map((name) => ({ name, fields: [] })),
  };
}

export function section(draft: UnitDraft, name: string): Section {
  let found = draft.sections.find((s) => s.name === name);
  if (!found) {
    found = { name, fields: [] };
    draft.sections.push(found);
  }
  return found;
}

/** Appends a field; an identical [Unit] dependency line is not repeated. */
export function addField(draft: UnitDraft, sectionName: string, key: string, ...words: string[]): void {
  const fields = section(draft, sectionName).fields;
  if (sectionName === "Unit" && fields.some((f) => f.key === key && f.words.join(" ") === words.join(" "))) {
    return;
  }
  fields.push({ key, words });
}

/** Renders the unit file text: sections in a fixed order, empty ones left out. */
export function renderUnit(draft: UnitDraft): string {
  const parts: string[] = [];
  const sorted = [...draft.sections].sort((a, b) =>
    SECTION_ORDER.indexOf(a.name) - SECTION_ORDER.indexOf(b.name)
  );
  for (const s of sorted) {
    if (s.fields.length === 0 && s.name !== MAIN_SECTION[draft.kind]) continue;
    const words = WORD_KEYS[s.name];
    const lines = s.fields.map((f) =>
      `${f.key}=${words?.has(f.key) ? quoteWords(f.words) : f.words.join(" ")}\n`
    );
    parts.push(`[${s.name}]\n${lines.join("")}`);
  }
  return parts.join("\n");
}

export interface ParsedLine {
  key: string;
  value: string;
}

/** Parses unit file text into sections of raw key/value lines (comments and continuations handled). */
export function parseUnit(text: string): Map<string, ParsedLine[]> {
  const sections = new Map<string, ParsedLine[]>();
  let current: ParsedLine[] | undefined;
  const lines = text.replaceAll("\r\n", "\n").split("\n");
  for (let i = 0; i < lines.length; i++) {
    let line = (lines[i] as string).trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      const name = header[1] as string;
      current = sections.get(name) ?? [];
      sections.set(name, current);
      continue;
    }
    while (line.endsWith("\\") && i + 1 < lines.length) {
      i++;
      line = line.slice(0, -1) + " " + (lines[i] as string).trim();
    }
    const eq = line.indexOf("=");
    if (eq < 0 || current === undefined) continue;
    current.push({ key: line.slice(0, eq).trim(), value: line.slice(eq + 1).trim() });
  }
  return sections;
}
