import assert from "node:assert/strict";
import { QUADLET_MIN_PODMAN, quadletUnsupported } from "../../../../shared/quadlet/host_support.ts";

Deno.test("quadletUnsupported() is null whenever a generator was found", () => {
  for (const podman of [null, "4.3.1", "4.9.3", "5.4.2"]) {
    assert.equal(quadletUnsupported({ podman, quadlet: "5.4.2" }), null);
  }
});

Deno.test("quadletUnsupported() names the minimum and the host's Podman when it is too old", () => {
  assert.equal(QUADLET_MIN_PODMAN, "4.4");
  assert.equal(
    quadletUnsupported({ podman: "4.3.1", quadlet: null }),
    "Quadlets need Podman 4.4 or later; this host has Podman 4.3.1: install Podman 4.4 or later " +
      "(Debian 13 ships 5.4, Ubuntu 24.04 4.9), then restart arr-helper",
  );
});

Deno.test("quadletUnsupported() points at ARR_QUADLET_GENERATOR when Podman is new enough or unknown", () => {
  const table: Array<[string | null, RegExp]> = [
    ["4.9.3", /no quadlet generator on this host \(Podman 4\.9\.3\): set ARR_QUADLET_GENERATOR/],
    ["4.4.0", /\(Podman 4\.4\.0\)/],
    [null, /no quadlet generator on this host: set ARR_QUADLET_GENERATOR/],
    ["not a version", /\(Podman not a version\)/],
  ];
  for (const [podman, expected] of table) {
    const reason = quadletUnsupported({ podman, quadlet: null });
    assert.match(reason ?? "", expected, String(podman));
  }
});
