/**
 * Dependencies point down (docs/architecture.md). Every relative import in mcp/, helper/, shared/ and templates/
 * goes to its own folder or to a lower floor of a program it may use; a room never imports another room, and
 * nothing imports tests/. A new folder under mcp/ fails here until it is given a floor below.
 */
import assert from "node:assert/strict";

/** A folder (or file) and its floor. The longest matching folder wins, so `mcp/clients/media` beats `mcp`. */
interface Floor {
  folder: string;
  rank: number;
  program: Program;
}

type Program = "shared" | "helper" | "templates" | "mcp";

/** Which other programs each program may import (below its own floor). */
const PROGRAM_USES: Record<Program, readonly Program[]> = {
  shared: [],
  helper: ["shared"],
  templates: ["shared"],
  mcp: ["shared", "templates"],
};

const ROOMS = [
  "containers",
  "stacks",
  "systemd",
  "quadlets",
  "files",
  "logs",
  "media",
  "diagnostics",
  "alerts",
  "upgrades",
  "cleanup",
  "oauth",
];

/** The one rank table. */
const FLOORS: readonly Floor[] = [
  { folder: "shared", rank: 0, program: "shared" },
  { folder: "helper", rank: 1, program: "helper" },
  { folder: "templates", rank: 1, program: "templates" },
  { folder: "mcp/core", rank: 1, program: "mcp" },
  // The start path (mcp/start.ts, mcp/bundle.ts): which file runs, decided before the server is loaded.
  { folder: "mcp/launch", rank: 1, program: "mcp" },
  { folder: "mcp/fs", rank: 2, program: "mcp" },
  { folder: "mcp/policy", rank: 2, program: "mcp" },
  { folder: "mcp/clients/unix", rank: 2, program: "mcp" },
  { folder: "mcp/clients/runtime", rank: 3, program: "mcp" },
  { folder: "mcp/clients/helper", rank: 3, program: "mcp" },
  { folder: "mcp/clients/media", rank: 4, program: "mcp" },
  { folder: "mcp/toolkit", rank: 5, program: "mcp" },
  ...ROOMS.map((room) => ({ folder: `mcp/${room}`, rank: 6, program: "mcp" as const })),
  // `deno task doctor`: its checks (floor 6, beside the rooms, no tools) and its entry (floor 9, like main.ts).
  { folder: "mcp/doctor", rank: 6, program: "mcp" },
  { folder: "mcp/dashboard", rank: 7, program: "mcp" },
  { folder: "mcp/server", rank: 8, program: "mcp" },
  { folder: "mcp/main.ts", rank: 9, program: "mcp" },
  { folder: "mcp/doctor.ts", rank: 9, program: "mcp" },
  { folder: "mcp/start.ts", rank: 9, program: "mcp" },
  { folder: "mcp/bundle.ts", rank: 9, program: "mcp" },
];

const CHECKED_ROOTS = ["mcp", "helper", "shared", "templates"];

interface ImportEdge {
  /** Repository-relative path of the importing file, e.g. `mcp/core/audit.ts`. */
  from: string;
  /** The specifier as written, e.g. `../toolkit/deps.ts`. */
  specifier: string;
}

function floorOf(path: string): Floor | undefined {
  let best: Floor | undefined;
  for (const floor of FLOORS) {
    const inside = path === floor.folder || path.startsWith(`${floor.folder}/`);
    if (inside && (best === undefined || floor.folder.length > best.folder.length)) best = floor;
  }
  return best;
}

/** Resolves a relative specifier against a repository-relative file path (`..` above the root stays visible). */
function resolveImport(from: string, specifier: string): string {
  const base = new URL(`file:///root/${from}`);
  const resolved = new URL(specifier, base).pathname;
  return resolved.startsWith("/root/") ? resolved.slice("/root/".length) : `..${resolved}`;
}

/** Relative specifiers of every static import/export-from and every literal dynamic `import()` in a source text. */
function relativeImports(source: string): string[] {
  const patterns = [
    /(?:^|[\s;}])(?:import|export)\s[^"'`;]*?\sfrom\s*(["'])(\.{1,2}\/[^"']*)\1/g,
    /(?:^|[\s;}])import\s*(["'])(\.{1,2}\/[^"']*)\1/g,
    /\bimport\s*\(\s*(["'])(\.{1,2}\/[^"']*)\1\s*[,)]/g,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[2]!));
}

/** One message per import that points up or sideways, naming `file → import` and why. */
function importViolations(edges: readonly ImportEdge[]): string[] {
  const problems: string[] = [];
  for (const { from, specifier } of edges) {
    const source = floorOf(from);
    const targetPath = resolveImport(from, specifier);
    const target = floorOf(targetPath);
    const where = `${from} → ${specifier}`;
    if (source === undefined) {
      problems.push(
        `${where}: ${from} is in a folder with no floor (add it to FLOORS in architecture_test.ts)`,
      );
    } else if (target === undefined) {
      problems.push(`${where}: ${targetPath} is outside mcp/, helper/, shared/ and templates/`);
    } else if (target.folder !== source.folder && !mayUse(source, target)) {
      problems.push(
        `${where}: ${source.folder} (floor ${source.rank}) may not import ${target.folder} (floor ${target.rank})`,
      );
    }
  }
  return problems;
}

function mayUse(source: Floor, target: Floor): boolean {
  const programAllowed = target.program === source.program ||
    PROGRAM_USES[source.program].includes(target.program);
  return programAllowed && target.rank < source.rank;
}

async function* sourceFiles(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) yield* sourceFiles(path);
    else if (/\.(ts|tsx|js|mjs)$/.test(entry.name)) yield path;
  }
}

async function repositoryImports(): Promise<{ files: string[]; edges: ImportEdge[] }> {
  const root = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");
  const files: string[] = [];
  const edges: ImportEdge[] = [];
  for (const top of CHECKED_ROOTS) {
    for await (const absolute of sourceFiles(`${root}/${top}`)) {
      const from = absolute.slice(root.length + 1);
      files.push(from);
      for (const specifier of relativeImports(await Deno.readTextFile(absolute))) {
        edges.push({ from, specifier });
      }
    }
  }
  return { files, edges };
}

Deno.test("every import in mcp/, helper/, shared/ and templates/ points down or stays in its folder", async () => {
  const { edges } = await repositoryImports();
  assert.deepStrictEqual(importViolations(edges), []);
});

Deno.test("every file in mcp/, helper/, shared/ and templates/ has a floor", async () => {
  const { files } = await repositoryImports();
  assert.deepStrictEqual(files.filter((file) => floorOf(file) === undefined), []);
});

Deno.test("importViolations() names a planted upward, sideways or test import and passes downward ones", () => {
  const problems = importViolations([
    { from: "mcp/core/audit.ts", specifier: "../toolkit/deps.ts" },
    { from: "mcp/stacks/stack_tools.ts", specifier: "../containers/container_summary.ts" },
    { from: "mcp/fs/scope.ts", specifier: "../policy/rules.ts" },
    { from: "shared/result.ts", specifier: "../mcp/core/config.ts" },
    { from: "helper/main.ts", specifier: "../mcp/core/config.ts" },
    { from: "templates/layout.ts", specifier: "../mcp/media/status.ts" },
    { from: "mcp/clients/runtime/client.ts", specifier: "../media/registry.ts" },
    { from: "mcp/core/config.ts", specifier: "../../templates/html.ts" },
    { from: "mcp/server/app.ts", specifier: "../../tests/fakes/serve.ts" },
    { from: "mcp/widgets/widget.ts", specifier: "../core/config.ts" },
    // Allowed: own folder, subfolder of a room, lower floors, shared and templates from mcp.
    { from: "mcp/quadlets/convert/install.ts", specifier: "../quadlet_tools.ts" },
    { from: "mcp/clients/media/discovery.ts", specifier: "../runtime/client.ts" },
    { from: "mcp/dashboard/routes.ts", specifier: "../../templates/stack_page.ts" },
    { from: "mcp/main.ts", specifier: "./server/app.ts" },
    { from: "helper/main.ts", specifier: "../shared/result.ts" },
    { from: "shared/quadlet/convert.ts", specifier: "../result.ts" },
  ]);
  assert.deepStrictEqual(problems, [
    "mcp/core/audit.ts → ../toolkit/deps.ts: mcp/core (floor 1) may not import mcp/toolkit (floor 5)",
    "mcp/stacks/stack_tools.ts → ../containers/container_summary.ts: mcp/stacks (floor 6) may not import mcp/containers (floor 6)",
    "mcp/fs/scope.ts → ../policy/rules.ts: mcp/fs (floor 2) may not import mcp/policy (floor 2)",
    "shared/result.ts → ../mcp/core/config.ts: shared (floor 0) may not import mcp/core (floor 1)",
    "helper/main.ts → ../mcp/core/config.ts: helper (floor 1) may not import mcp/core (floor 1)",
    "templates/layout.ts → ../mcp/media/status.ts: templates (floor 1) may not import mcp/media (floor 6)",
    "mcp/clients/runtime/client.ts → ../media/registry.ts: mcp/clients/runtime (floor 3) may not import mcp/clients/media (floor 4)",
    "mcp/core/config.ts → ../../templates/html.ts: mcp/core (floor 1) may not import templates (floor 1)",
    "mcp/server/app.ts → ../../tests/fakes/serve.ts: tests/fakes/serve.ts is outside mcp/, helper/, shared/ and templates/",
    "mcp/widgets/widget.ts → ../core/config.ts: mcp/widgets/widget.ts is in a folder with no floor (add it to FLOORS in architecture_test.ts)",
  ]);
});

Deno.test("relativeImports() finds static, multi-line, type, re-export, side-effect and dynamic imports", () => {
  const source = [
    `import { a } from "./a.ts";`,
    `import type {`,
    `  B,`,
    `  C,`,
    `} from '../b.ts';`,
    `export { d } from "../../d.ts";`,
    `export * from "./e.ts";`,
    `import "./side_effect.ts";`,
    `const f = await import("./lazy.ts");`,
    `import { z } from "zod";`,
    `const g = await import("npm:hono");`,
  ].join("\n");
  assert.deepStrictEqual(relativeImports(source).toSorted(), [
    "../../d.ts",
    "../b.ts",
    "./a.ts",
    "./e.ts",
    "./lazy.ts",
    "./side_effect.ts",
  ]);
});
