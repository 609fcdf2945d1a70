import assert from "node:assert/strict";
import { setComposeImage, setQuadletImage } from "../../../../mcp/upgrades/apply/image_edit.ts";

Deno.test("setComposeImage() changes only the service's image scalar, comments and quotes kept", () => {
  const text = [
    "# media",
    "services:",
    "  sonarr:",
    '    image: "lscr.io/linuxserver/sonarr:4.0.1"  # pinned',
    "  radarr:",
    "    image: lscr.io/linuxserver/radarr:5.0.0",
    "",
  ].join("\n");
  assert.deepEqual(
    setComposeImage(text, "sonarr", "lscr.io/linuxserver/sonarr:4.0.1", "lscr.io/linuxserver/sonarr:4.0.2"),
    { ok: true, value: text.replace("sonarr:4.0.1", "sonarr:4.0.2") },
  );
  assert.deepEqual(
    setComposeImage(text, "radarr", "lscr.io/linuxserver/radarr:5.0.0", "lscr.io/linuxserver/radarr:5.1.0"),
    { ok: true, value: text.replace("radarr:5.0.0", "radarr:5.1.0") },
  );
});

Deno.test("setComposeImage() refuses an interpolated, different or missing image", () => {
  const cases: Array<[string, string, RegExp]> = [
    ["services:\n  a:\n    image: x:${TAG}\n", "a", /it is "x:\$\{TAG\}", not "x:1"; edit it yourself/],
    ["services:\n  a:\n    image: y:1\n", "a", /it is "y:1", not "x:1"/],
    ["services:\n  a:\n    build: .\n", "a", /gives it no image/],
    ["services:\n  b:\n    image: x:1\n", "a", /gives it no image/],
    ["services: [\n", "a", /^Cannot read the compose file/],
  ];
  for (const [text, service, error] of cases) {
    const r = setComposeImage(text, service, "x:1", "x:2");
    assert.equal(r.ok, false, text);
    assert.match(!r.ok ? r.error : "", error, text);
  }
});

Deno.test("setQuadletImage() changes Image= of [Container] only", () => {
  const unit =
    "[Unit]\nDescription=Image=x:1\n\n[Container]\nImage=x:1\nExec=sleep 1\n\n[Install]\nWantedBy=default.target\n";
  assert.deepEqual(setQuadletImage(unit, "x:1", "x:2"), {
    ok: true,
    value: unit.replace("\nImage=x:1\n", "\nImage=x:2\n"),
  });
  assert.match(
    String((setQuadletImage(unit, "y:1", "y:2") as { error: string }).error),
    /it is "x:1", not "y:1"/,
  );
  assert.equal(setQuadletImage("[Container]\nExec=x\n", "x:1", "x:2").ok, false);
});
