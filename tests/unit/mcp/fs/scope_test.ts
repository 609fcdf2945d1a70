import assert from "node:assert/strict";
import fc from "fast-check";
import { resolvePath, type ScopeRoot } from "../../../../mcp/fs/scope.ts";
import { FsError } from "../../../../mcp/fs/fs_error.ts";
import { isWithin } from "../../../../mcp/fs/within.ts";

interface Tree {
  base: string;
  root: string;
  outside: string;
  roots: ScopeRoot[];
  [Symbol.asyncDispose](): Promise<void>;
}

/** A real temp tree: root/ is allowed, outside/ is not; symlinks lead both ways. */
async function tree(): Promise<Tree> {
  const base = await Deno.realPath(await Deno.makeTempDir({ prefix: "arr-scope-" }));
  const root = `${base}/root`;
  const outside = `${base}/outside`;
  await Deno.mkdir(`${root}/a/deep`, { recursive: true });
  await Deno.mkdir(outside);
  await Deno.writeTextFile(`${root}/a/file.txt`, "inside");
  await Deno.writeTextFile(`${outside}/secret.txt`, "outside");
  await Deno.symlink(outside, `${root}/link_out`);
  await Deno.symlink(`${root}/a`, `${root}/link_in`);
  await Deno.symlink("..", `${root}/link_parent`);
  await Deno.symlink(`${outside}/missing`, `${root}/dangling_out`);
  await Deno.symlink(`${outside}/secret.txt`, `${root}/file_link_out`);
  return {
    base,
    root,
    outside,
    roots: [{ label: "stacks", path: root }],
    [Symbol.asyncDispose]: () => Deno.remove(base, { recursive: true }),
  };
}

const resolveExisting = (input: string, roots: readonly ScopeRoot[]) => resolvePath(Deno, input, roots);
const resolveEntry = (input: string, roots: readonly ScopeRoot[]) =>
  resolvePath(Deno, input, roots, { entry: true });

async function outcome(p: Promise<{ path: string }>): Promise<{ path: string } | Error> {
  try {
    return await p;
  } catch (e) {
    return e as Error;
  }
}

Deno.test("resolveExisting() returns the real path of a file inside a root", async () => {
  await using t = await tree();
  const r = await resolveExisting(`${t.root}/a/file.txt`, t.roots);
  assert.equal(r.path, `${t.root}/a/file.txt`);
  assert.equal(r.relative, "a/file.txt");
  assert.equal(r.root.label, "stacks");
});

Deno.test("resolvePath() refuses a symlink below the root even when it stays inside, naming the real path", async () => {
  await using t = await tree();
  const e = await outcome(resolveExisting(`${t.root}/link_in/file.txt`, t.roots));
  assert.ok(e instanceof FsError);
  assert.equal(e.kind, "invalid_path");
  assert.equal(
    e.message,
    `Cannot access path "${t.root}/link_in/file.txt": "${t.root}/link_in" is a symbolic link, and links below a ` +
      `root are not followed (use the real path "${t.root}/a")`,
  );
  await assert.rejects(resolveEntry(`${t.root}/link_in/new.txt`, t.roots), /is a symbolic link/);
});

Deno.test("resolvePath() accepts a root that is itself a symlink and answers with real paths", async () => {
  await using t = await tree();
  await Deno.symlink(t.root, `${t.base}/root-link`);
  const r = await resolveExisting(`${t.base}/root-link/a/file.txt`, [{
    label: "stacks",
    path: `${t.base}/root-link`,
  }]);
  assert.equal(r.path, `${t.root}/a/file.txt`);
  assert.equal(r.root.path, t.root);
});

Deno.test("resolveExisting() refuses a symlink leading outside the root and names the escape", async () => {
  await using t = await tree();
  await assert.rejects(
    resolveExisting(`${t.root}/link_out/secret.txt`, t.roots),
    /symbolic link leads outside/,
  );
  await assert.rejects(resolveExisting(`${t.root}/file_link_out`, t.roots), /symbolic link leads outside/);
  await assert.rejects(resolveExisting(`${t.root}/link_parent/outside/secret.txt`, t.roots), /outside/);
});

Deno.test("resolveExisting() refuses traversal with .. out of the root", async () => {
  await using t = await tree();
  await assert.rejects(
    resolveExisting(`${t.root}/../outside/secret.txt`, t.roots),
    /outside the allowed roots/,
  );
  await assert.rejects(resolveExisting(`${t.root}/a/../../outside`, t.roots), /outside the allowed roots/);
});

Deno.test("resolveExisting() refuses relative, empty, NUL and overlong paths with the reason", async () => {
  await using t = await tree();
  await assert.rejects(resolveExisting("a/file.txt", t.roots), /must be an absolute path/);
  await assert.rejects(resolveExisting("", t.roots), /value is empty/);
  await assert.rejects(resolveExisting(`${t.root}/a\0/file.txt`, t.roots), /control character/);
  await assert.rejects(resolveExisting(`${t.root}/${"x".repeat(5000)}`, t.roots), /longer than 4096/);
});

Deno.test("resolveExisting() reports a missing file as missing", async () => {
  await using t = await tree();
  await assert.rejects(resolveExisting(`${t.root}/nope.txt`, t.roots), /no such file or directory/);
});

Deno.test("resolveEntry() accepts a new file in an existing directory inside the root", async () => {
  await using t = await tree();
  const r = await resolveEntry(`${t.root}/a/new.txt`, t.roots);
  assert.equal(r.path, `${t.root}/a/new.txt`);
  assert.equal(r.exists, false);
});

Deno.test("resolveEntry() refuses a new file whose parent is a symlink leading outside", async () => {
  await using t = await tree();
  await assert.rejects(resolveEntry(`${t.root}/link_out/new.txt`, t.roots), /symbolic link leads outside/);
  // Found by the property test below: the parent resolves to a FILE outside the root. The scope check must come
  // before any look at the target, so no raw OS error (naming an outside path) escapes.
  const err = await outcome(resolveEntry(`${t.root}/link_out/secret.txt/link_out`, t.roots));
  assert.ok(err instanceof Error);
  assert.match(err.message, /^Cannot (access|use) path/);
  assert.doesNotMatch(err.message, /os error/);
  await assert.rejects(resolveEntry(`${t.root}/link_parent/new.txt`, t.roots), /outside/);
});

Deno.test("resolveEntry() acts on a symlink itself, not on its target", async () => {
  await using t = await tree();
  const r = await resolveEntry(`${t.root}/dangling_out`, t.roots);
  assert.equal(r.path, `${t.root}/dangling_out`);
  assert.equal(r.exists, true);
  assert.equal(r.info?.isSymlink, true);
  await assert.rejects(resolveExisting(`${t.root}/dangling_out`, t.roots), /is a symbolic link/);
});

Deno.test("resolveEntry() refuses the root itself, names ending in .., and missing parents", async () => {
  await using t = await tree();
  await assert.rejects(resolveEntry(t.root, t.roots), /allowed root itself/);
  await assert.rejects(resolveEntry(`${t.root}/a/..`, t.roots), /must end with a file or directory name/);
  await assert.rejects(resolveEntry(`${t.root}/a/`, t.roots), /must end with a file or directory name/);
  await assert.rejects(resolveEntry(`${t.root}/nope/new.txt`, t.roots), /parent directory .* does not exist/);
});

const segment = fc.oneof(
  fc.constantFrom(
    "..",
    ".",
    "",
    "a",
    "deep",
    "file.txt",
    "link_out",
    "link_in",
    "link_parent",
    "dangling_out",
  ),
  fc.constantFrom("outside", "secret.txt", "．．", "\u2025", "%2e%2e", "..\u200b", "\uff0f", "ａ", "..."),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 6 }),
);

Deno.test("resolveExisting() and resolveEntry() never return a path outside the root (property)", async () => {
  await using t = await tree();
  await fc.assert(
    fc.asyncProperty(fc.array(segment, { maxLength: 8 }), fc.boolean(), async (segments, entry) => {
      const input = `${t.root}/${segments.join("/")}`;
      const res = await outcome(entry ? resolveEntry(input, t.roots) : resolveExisting(input, t.roots));
      if (res instanceof Error) {
        assert.match(res.message, /^Cannot (access|use) path|^Cannot use path/);
        return;
      }
      assert.ok(isWithin(t.root, res.path), `${input} resolved to ${res.path}`);
      assert.ok(!isWithin(t.outside, res.path));
    }),
    { numRuns: 400 },
  );
});

Deno.test("resolveExisting() refuses any absolute path not under the root (property)", async () => {
  await using t = await tree();
  await fc.assert(
    fc.asyncProperty(fc.string({ maxLength: 60 }), async (tail) => {
      const res = await outcome(resolveExisting(`${t.outside}/${tail}`, t.roots));
      assert.ok(res instanceof Error);
    }),
    { numRuns: 200 },
  );
});

Deno.test("resolveEntry() refuses every path holding a NUL or control character (property)", async () => {
  await using t = await tree();
  await fc.assert(
    fc.asyncProperty(
      fc.string({ maxLength: 20 }),
      fc.integer({ min: 0, max: 31 }),
      fc.string({ maxLength: 20 }),
      async (a, code, b) => {
        const res = await outcome(resolveEntry(`${t.root}/${a}${String.fromCharCode(code)}${b}`, t.roots));
        assert.ok(res instanceof Error);
        assert.match(res.message, /control character/);
      },
    ),
    { numRuns: 200 },
  );
});

Deno.test("resolveExisting() refuses long inputs without touching the filesystem (property)", async () => {
  await using t = await tree();
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 4097, max: 100_000 }), async (n) => {
      const res = await outcome(resolveExisting(`${t.root}/${"../".repeat(n)}`.slice(0, n + 1), t.roots));
      assert.ok(res instanceof Error);
      assert.match(res.message, /longer than 4096/);
    }),
    { numRuns: 30 },
  );
});
