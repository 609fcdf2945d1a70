import assert from "node:assert/strict";
import { convertCompose } from "../../../../shared/quadlet/convert.ts";
import { composeFilePaths } from "../../../../shared/quadlet/load_compose.ts";
import type { ConvertInput } from "../../../../shared/quadlet/types.ts";

const input = (compose: string, files: Record<string, string> = {}): ConvertInput => ({
  compose,
  composeFile: "compose.yaml",
  projectDir: "/srv/app",
  files,
});

Deno.test("composeFilePaths() lists the include and extends files still to read, nested ones once known", () => {
  const compose =
    "include: [a/compose.yaml]\nservices:\n  x:\n    extends:\n      file: base.yml\n      service: b\n";
  assert.deepEqual(composeFilePaths(input(compose)), ["/srv/app/a/compose.yaml", "/srv/app/base.yml"]);
  const files = { "/srv/app/a/compose.yaml": "include: [../../common.yaml]\nservices: {}\n" };
  assert.deepEqual(composeFilePaths(input(compose, files)), ["/srv/common.yaml", "/srv/app/base.yml"]);
});

Deno.test("convertCompose() names an include or extends file it was not given", () => {
  const r = convertCompose(input("include: [db.yaml]\nservices:\n  a:\n    image: docker.io/library/x\n"));
  assert.ok(!r.ok);
  assert.deepEqual(r.error, {
    file: "compose.yaml",
    key: "include[0]",
    message: 'Cannot read compose file "/srv/app/db.yaml": it was not read (missing or outside the stack)',
  });
});

Deno.test("convertCompose() refuses an included service that is already defined, and extends cycles", () => {
  const dup = convertCompose(input(
    "include: [db.yaml]\nservices:\n  db:\n    image: docker.io/library/x\n",
    { "/srv/app/db.yaml": "services:\n  db:\n    image: docker.io/library/postgres\n" },
  ));
  assert.ok(!dup.ok);
  assert.equal(dup.error.message, 'Cannot include "/srv/app/db.yaml": service "db" is already defined');
  const cycle = convertCompose(input(
    "services:\n  a:\n    image: docker.io/library/x\n    extends: b\n  b:\n    image: docker.io/library/x\n    extends: a\n",
  ));
  assert.ok(!cycle.ok);
  assert.equal(cycle.error.service, "b");
  assert.match(cycle.error.message, /extends itself in a cycle/);
});
