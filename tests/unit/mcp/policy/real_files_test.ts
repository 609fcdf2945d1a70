import assert from "node:assert/strict";
import { checkCompose } from "../../../../mcp/policy/check_compose.ts";
import type { PolicyContext, PolicyFlag } from "../../../../mcp/policy/types.ts";
import { CTX } from "./_support.ts";

const FIXTURES = new URL("../../../fixtures/compose-real/", import.meta.url);

async function flagsOf(folder: string, ctx: PolicyContext = CTX): Promise<PolicyFlag[]> {
  const compose = await Deno.readTextFile(new URL(`${folder}/compose.yaml`, FIXTURES));
  let dotenv: string | undefined;
  try {
    dotenv = await Deno.readTextFile(new URL(`${folder}/.env`, FIXTURES));
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  const r = checkCompose(compose, {
    ...ctx,
    stackDir: `/opt/stacks/${folder}`,
    ...(dotenv !== undefined && { dotenv }),
  });
  if (!r.ok) assert.fail(r.error.message);
  return r.value;
}

Deno.test("checkCompose() flags nothing in the TRaSH Guides media stack", async () => {
  assert.deepEqual(await flagsOf("01-trash-guides"), []);
});

Deno.test("checkCompose() accepts gluetun's NET_ADMIN and /dev/net/tun and the services on its network", async () => {
  const ubuntu = { ...CTX, homeDir: "/home/ubuntu", dataDir: "/home/ubuntu/.local/share/arr-mcp" };
  assert.deepEqual(await flagsOf("24-jimsgarage-torrent-vpn", ubuntu), []);
});

Deno.test("checkCompose() flags the Docker socket mounted into Traefik", async () => {
  assert.deepEqual(await flagsOf("38-jimsgarage-traefikv3"), [{
    service: "traefik",
    rule: "host-path",
    severity: "confirm",
    words: `Service "traefik" mounts /var/run/docker.sock, a container runtime socket.`,
    detail: `volumes[1]: "/var/run/docker.sock:/var/run/docker.sock:ro"`,
  }]);
});

Deno.test("checkCompose() flags everything the privileged rclone mount asks for", async () => {
  const flags = await flagsOf("41-jimsgarage-rclone-mount");
  assert.deepEqual(flags.map((f) => [f.service, f.rule, f.severity, f.words, f.detail]), [
    [
      "rclone",
      "privileged",
      "confirm",
      `Service "rclone" runs privileged, with every capability and the host's devices.`,
      "privileged: true",
    ],
    [
      "rclone",
      "capability",
      "confirm",
      `Service "rclone" adds the Linux capability SYS_ADMIN (mount file systems and much more).`,
      `cap_add[0]: "SYS_ADMIN"`,
    ],
    [
      "rclone",
      "security-opt",
      "confirm",
      `Service "rclone" turns off its AppArmor profile.`,
      `security_opt[0]: "apparmor:unconfined"`,
    ],
    [
      "rclone",
      "device",
      "confirm",
      `Service "rclone" gets the host device /dev/fuse.`,
      `devices[0]: "/dev/fuse"`,
    ],
    [
      "rclone",
      "host-path",
      "confirm",
      `Service "rclone" mounts /etc/passwd, inside the host system folder /etc.`,
      `volumes[1]: "/etc/passwd:/etc/passwd:ro"`,
    ],
    [
      "rclone",
      "host-path",
      "confirm",
      `Service "rclone" mounts /etc/group, inside the host system folder /etc.`,
      `volumes[2]: "/etc/group:/etc/group:ro"`,
    ],
  ]);
});
