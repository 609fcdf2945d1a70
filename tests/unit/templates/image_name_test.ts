import assert from "node:assert/strict";
import fc from "fast-check";
import { imageName, imageParts } from "../../../templates/image_name.ts";

Deno.test("imageParts() splits after every /, : and @ and loses no character", () => {
  assert.deepEqual(imageParts("lscr.io/linuxserver/sonarr:latest"), [
    "lscr.io/",
    "linuxserver/",
    "sonarr:",
    "latest",
  ]);
  fc.assert(fc.property(fc.string({ unit: fc.constantFrom("a", "-", ".", "/", ":", "@", "z", "1") }), (s) => {
    const parts = imageParts(s);
    assert.equal(parts.join(""), s);
    for (const p of parts) assert.match(p, /^[^/:@]*[/:@]?$/);
  }));
});

Deno.test("imageName() puts <wbr> only after separators and marks the tag", () => {
  const html = imageName("lscr.io/linuxserver/sonarr:4.0.10").toString();
  assert.equal(
    html,
    '<span class="image-name" title="lscr.io/linuxserver/sonarr:4.0.10"><span class="seg">lscr.io/</span><wbr>' +
      '<span class="seg">linuxserver/</span><wbr><span class="seg">sonarr:</span><wbr><span class="image-tag">' +
      '<span class="seg">4.0.10</span></span></span>',
  );
  // Without a tag (a registry port is not a tag): no tag span.
  assert.doesNotMatch(imageName("registry:5000/app").toString(), /image-tag/);
  assert.match(imageName("busybox@sha256:abc").toString(), /image-tag"><span class="seg">sha256:<\/span>/);
});
