import assert from "node:assert/strict";
import { describeFlags, NOTHING_FLAGGED } from "../../../../mcp/policy/describe_flags.ts";
import { composeFlags } from "./_support.ts";

Deno.test("describeFlags() lists what needs confirmation first, then what is worth knowing", () => {
  const flags = composeFlags(`
services:
  traefik:
    image: traefik
    volumes: [/var/run/docker.sock:/var/run/docker.sock:ro]
  plex:
    image: plex
    network_mode: host
    cap_add: [NET_ADMIN]
`);
  assert.equal(
    describeFlags(flags),
    `Needs confirmation (2):
- Service "traefik" mounts /var/run/docker.sock, a container runtime socket.
- Service "plex" has NET_ADMIN on the host's network, so it can change the host's interfaces, routes and firewall.
Worth knowing (1):
- Service "plex" uses the host's network directly.`,
  );
});

Deno.test("describeFlags() lists a repeated sentence once", () => {
  const flags = composeFlags({ volumes: ["/etc:/a", "/etc:/b"] });
  assert.equal(flags.length, 2);
  assert.equal(
    describeFlags(flags),
    `Needs confirmation (1):\n- Service "app" mounts /etc, a host system folder.`,
  );
});

Deno.test("describeFlags() says so when nothing is flagged", () => {
  assert.equal(describeFlags([]), NOTHING_FLAGGED);
  assert.equal(NOTHING_FLAGGED, "The content policy flagged nothing.");
});
