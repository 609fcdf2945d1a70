import assert from "node:assert/strict";
import {
  BUNDLE_PATTERN,
  bundleName,
  readStampInputs,
  type StampInputs,
  stampOf,
  type WalkFs,
} from "../../../../mcp/launch/bundle_stamp.ts";

const base: StampInputs = {
  denoVersion: "2.9.6",
  configs: ['{"tasks":{}}', '{"version":"5"}'],
  files: [
    { path: "mcp/main.ts", size: 7000, mtimeMs: 1000 },
    { path: "templates/dashboard.css", size: 13000, mtimeMs: 2000 },
  ],
};

Deno.test("stampOf() names a bundle the start path will pick, whatever order the walk met the files in", () => {
  const stamp = stampOf(base);
  assert.match(bundleName(stamp), BUNDLE_PATTERN);
  assert.equal(stampOf({ ...base, files: [...base.files].reverse() }), stamp);
});

Deno.test("stampOf() changes with the Deno version, deno.json, deno.lock and every file's path, size and mtime", () => {
  const stamp = stampOf(base);
  const [main, css] = base.files as [StampInputs["files"][0], StampInputs["files"][0]];
  const variants: StampInputs[] = [
    { ...base, denoVersion: "2.9.7" },
    { ...base, configs: ['{"tasks":{"start":""}}', base.configs[1]!] },
    { ...base, configs: [base.configs[0]!, '{"version":"4"}'] },
    { ...base, files: [{ ...main, mtimeMs: 1001 }, css] },
    { ...base, files: [{ ...main, size: 7001 }, css] },
    { ...base, files: [{ ...main, path: "mcp/main2.ts" }, css] },
    { ...base, files: [main] },
    { ...base, files: [...base.files, { path: "shared/new.ts", size: 1, mtimeMs: 1 }] },
  ];
  const stamps = new Set(variants.map(stampOf));
  assert.equal(stamps.size, variants.length);
  assert.ok(!stamps.has(stamp));
});

Deno.test("readStampInputs() walks mcp/, shared/ and templates/ recursively and reads the two config files", async () => {
  const tree: Record<string, Record<string, "dir" | { size: number; mtime: number }>> = {
    "/r/mcp": { "main.ts": { size: 5, mtime: 10 }, "core": "dir" },
    "/r/mcp/core": { "config.ts": { size: 6, mtime: 11 } },
    "/r/shared": {},
    "/r/templates": { "dashboard.css": { size: 7, mtime: 12 } },
  };
  const fs: WalkFs = {
    readDir: async function* (path: string | URL) {
      for (const [name, kind] of Object.entries(tree[String(path)] ?? {})) {
        yield { name, isDirectory: kind === "dir", isFile: kind !== "dir", isSymlink: false };
      }
    } as WalkFs["readDir"],
    stat: ((path: string) => {
      const slash = path.lastIndexOf("/");
      const entry = tree[path.slice(0, slash)]?.[path.slice(slash + 1)];
      if (entry === undefined || entry === "dir") return Promise.reject(new Deno.errors.NotFound(path));
      return Promise.resolve({ size: entry.size, mtime: new Date(entry.mtime) } as Deno.FileInfo);
    }) as WalkFs["stat"],
    readTextFile:
      ((path: string) =>
        path === "/r/deno.json"
          ? Promise.resolve("{}")
          : Promise.reject(new Deno.errors.NotFound(path))) as WalkFs["readTextFile"],
  };
  const inputs = await readStampInputs("/r", fs, "9.9.9");
  assert.deepEqual(inputs.configs, ["{}", ""]);
  assert.equal(inputs.denoVersion, "9.9.9");
  assert.deepEqual(inputs.files.map((f) => `${f.path} ${f.size} ${f.mtimeMs}`).sort(), [
    "mcp/core/config.ts 6 11",
    "mcp/main.ts 5 10",
    "templates/dashboard.css 7 12",
  ]);
});
