import assert from "node:assert/strict";
import { convertCompose } from "../../../../shared/quadlet/convert.ts";
import { normalizeProjectName, projectName } from "../../../../shared/quadlet/project_name.ts";

Deno.test("normalizeProjectName() lowercases, keeps a-z 0-9 _ - and drops leading separators, as compose-go", () => {
  assert.equal(normalizeProjectName("My Media.Stack"), "mymediastack");
  assert.equal(normalizeProjectName("__arr-Stack_2"), "arr-stack_2");
  assert.equal(normalizeProjectName("médiа"), "mdi");
  assert.equal(normalizeProjectName("..."), "");
});

Deno.test("projectName() takes name:, then COMPOSE_PROJECT_NAME, then the folder", () => {
  const env = (v?: string) => (n: string) => n === "COMPOSE_PROJECT_NAME" ? v : undefined;
  assert.deepEqual(projectName("Media", env("other"), "/opt/stacks/x"), { ok: true, value: "media" });
  assert.deepEqual(projectName(undefined, env("Other"), "/opt/stacks/x"), { ok: true, value: "other" });
  assert.deepEqual(projectName(undefined, env(""), "/opt/stacks/Arr"), { ok: true, value: "arr" });
  assert.deepEqual(projectName(undefined, env(), "/opt/stacks/---"), {
    ok: false,
    error: 'Cannot derive a project name from the folder name "---": it has no letter or digit',
  });
});

Deno.test("convertCompose() names volumes after the projectName option (compose -p)", () => {
  const r = convertCompose(
    {
      compose: "services:\n  a:\n    image: docker.io/library/x\n    volumes: [v:/v]\nvolumes:\n  v:\n",
      projectDir: "/srv/folder",
    },
    { projectName: "Chosen" },
  );
  assert.ok(r.ok);
  assert.equal(r.value.project, "chosen");
  assert.match(r.value.units.find((u) => u.fileName === "v.volume")?.text ?? "", /^VolumeName=chosen_v$/m);
});
