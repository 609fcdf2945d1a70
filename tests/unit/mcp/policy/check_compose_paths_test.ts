import assert from "node:assert/strict";
import { composeFlags, CTX, rules, words } from "./_support.ts";

const mounts = (...volumes: unknown[]) => words(composeFlags({ volumes }));

Deno.test("checkCompose() flags a bind mount of / and of host system folders", () => {
  assert.deepEqual(
    mounts("/:/host", "/etc:/etc", "/etc/ssh:/ssh:ro", "/root:/r", "/boot:/b", "/proc:/p", "/sys:/s"),
    [
      `Service "app" mounts /, the whole host file system.`,
      `Service "app" mounts /etc, a host system folder.`,
      `Service "app" mounts /etc/ssh, inside the host system folder /etc.`,
      `Service "app" mounts /root, a host system folder.`,
      `Service "app" mounts /boot, a host system folder.`,
      `Service "app" mounts /proc, a host system folder.`,
      `Service "app" mounts /sys, a host system folder.`,
    ],
  );
});

Deno.test("checkCompose() flags /run, /var/run and the folders above them", () => {
  assert.deepEqual(mounts("/run/dbus:/run/dbus", "/var/run/foo:/foo", "/var:/var"), [
    `Service "app" mounts /run/dbus, inside the host system folder /run.`,
    `Service "app" mounts /var/run/foo, inside the host system folder /var/run.`,
    `Service "app" mounts /var, a folder that contains the host system folder /var/run.`,
  ]);
});

Deno.test("checkCompose() flags /dev except the media devices", () => {
  assert.deepEqual(
    mounts(
      "/dev:/dev",
      "/dev/sda:/dev/sda",
      "/dev/shm:/dev/shm",
      "/dev/dri:/dev/dri",
      "/dev/net/tun:/dev/net/tun",
    ),
    [
      `Service "app" mounts /dev, the host's device folder.`,
      `Service "app" mounts /dev/sda, inside the host's device folder /dev.`,
      `Service "app" mounts /dev/shm, inside the host's device folder /dev.`,
    ],
  );
});

Deno.test("checkCompose() allows the time zone files but not the rest of /etc", () => {
  assert.deepEqual(mounts("/etc/localtime:/etc/localtime:ro", "/etc/timezone:/etc/timezone:ro"), []);
  assert.deepEqual(rules(composeFlags({ volumes: ["/etc/passwd:/etc/passwd:ro"] })), ["host-path/confirm"]);
});

Deno.test("checkCompose() flags /home and whole home folders, not folders inside them", () => {
  assert.deepEqual(mounts("/home:/home", "/home/ubuntu:/u", "/home/ubuntu/docker/plex:/config"), [
    `Service "app" mounts /home, a folder that contains arr-mcp's data folder /home/media/.local/share/arr-mcp.`,
    `Service "app" mounts /home/ubuntu, a whole home folder.`,
  ]);
});

Deno.test("checkCompose() flags a home folder outside /home given as homeDir", () => {
  const ctx = { ...CTX, homeDir: "/var/lib/media", dataDir: "/srv/arr-data" };
  assert.deepEqual(words(composeFlags({ volumes: ["~:/home"] }, ctx)), [
    `Service "app" mounts /var/lib/media, a whole home folder.`,
  ]);
});

Deno.test("checkCompose() flags arr-mcp's data dir, what is inside it and every folder above it", () => {
  assert.deepEqual(
    mounts(
      "/home/media/.local/share/arr-mcp:/data",
      "/home/media/.local/share/arr-mcp/credentials.secret:/s:ro",
      "/home/media/.local:/l",
      "/home/media:/m",
      "~/.local/share:/share",
    ),
    [
      `Service "app" mounts /home/media/.local/share/arr-mcp, arr-mcp's data folder, which holds its API key and credentials.`,
      `Service "app" mounts /home/media/.local/share/arr-mcp/credentials.secret, inside arr-mcp's data folder /home/media/.local/share/arr-mcp.`,
      `Service "app" mounts /home/media/.local, a folder that contains arr-mcp's data folder /home/media/.local/share/arr-mcp.`,
      `Service "app" mounts /home/media, a folder that contains arr-mcp's data folder /home/media/.local/share/arr-mcp.`,
      `Service "app" mounts /home/media/.local/share, a folder that contains arr-mcp's data folder /home/media/.local/share/arr-mcp.`,
    ],
  );
  assert.deepEqual(mounts("/home/media/.local/share/arr-mcp-other:/x", "~/media:/media"), []);
});

Deno.test("checkCompose() flags the runtime socket, its folder and arr-helper's socket folder", () => {
  assert.deepEqual(
    mounts(
      "/run/user/1000/podman/podman.sock:/var/run/docker.sock",
      "/var/run/user/1000/podman:/p",
      "/run/user/1000/arr-helper:/h",
      "/var/run/docker.sock:/var/run/docker.sock:ro",
    ),
    [
      `Service "app" mounts /run/user/1000/podman/podman.sock, the container runtime socket.`,
      `Service "app" mounts /var/run/user/1000/podman, the container runtime socket's folder.`,
      `Service "app" mounts /run/user/1000/arr-helper, arr-helper's socket folder.`,
      `Service "app" mounts /var/run/docker.sock, a container runtime socket.`,
    ],
  );
});

Deno.test("checkCompose() flags a runtime socket outside the system folders, and its folder", () => {
  const ctx = { ...CTX, runtimeSockets: ["/srv/sockets/podman.sock"] };
  assert.deepEqual(words(composeFlags({ volumes: ["/srv/sockets:/s", "/srv:/srv"] }, ctx)), [
    `Service "app" mounts /srv/sockets, the container runtime socket's folder.`,
    `Service "app" mounts /srv, a folder that contains the container runtime socket /srv/sockets/podman.sock.`,
  ]);
});

Deno.test("checkCompose() resolves every spelling of a path before judging it", async (t) => {
  for (
    const source of [
      "/etc/",
      "//etc",
      "/./etc",
      "/srv/../etc",
      "../../../etc",
      "./../../../etc/",
      "/etc//ssh/..",
    ]
  ) {
    await t.step(source, () => {
      assert.deepEqual(words(composeFlags({ volumes: [`${source}:/x`] })), [
        `Service "app" mounts /etc, a host system folder.`,
      ]);
    });
  }
});

Deno.test("checkCompose() resolves relative paths against the stack folder", () => {
  assert.deepEqual(mounts("./config:/config", "./:/stack", ".:/stack", "config/sub:/c"), []);
  assert.deepEqual(mounts("../../..:/host"), [`Service "app" mounts /, the whole host file system.`]);
});

Deno.test("checkCompose() reads the long volume syntax", () => {
  const flags = composeFlags({
    volumes: [
      { type: "bind", source: "/var/run/docker.sock", target: "/var/run/docker.sock", read_only: true },
      { type: "bind", source: "./config", target: "/config" },
      { type: "volume", source: "data", target: "/data" },
      { type: "tmpfs", target: "/tmp" },
      { source: "/etc", target: "/host-etc" },
    ],
  });
  assert.deepEqual(flags.map((f) => [f.words, f.detail]), [
    [
      `Service "app" mounts /var/run/docker.sock, a container runtime socket.`,
      `volumes[0]: {"type":"bind","source":"/var/run/docker.sock","target":"/var/run/docker.sock","read_only":true}`,
    ],
    [
      `Service "app" mounts /etc, a host system folder.`,
      `volumes[4]: {"source":"/etc","target":"/host-etc"}`,
    ],
  ]);
});

Deno.test("checkCompose() allows named volumes and flags a named volume bound to a host folder", () => {
  const flags = composeFlags(`
services:
  app:
    image: busybox
    volumes: [media:/media, config:/config, cache:/cache]
volumes:
  media:
    driver_opts: {type: none, o: bind, device: /srv/media}
  config:
    driver_opts: {type: none, o: "rbind,ro", device: /home/media/.local/share/arr-mcp}
  cache: {}
`);
  assert.deepEqual(flags.map((f) => [f.service, f.words, f.detail]), [
    [
      undefined,
      `The stack binds the volume "config" to /home/media/.local/share/arr-mcp, arr-mcp's data folder, which holds its API key and credentials.`,
      `volumes.config.driver_opts.device: "/home/media/.local/share/arr-mcp"`,
    ],
  ]);
});

Deno.test("checkCompose() flags secrets and configs read from protected host files", () => {
  const flags = composeFlags(`
services:
  app:
    image: busybox
    secrets: [key]
secrets:
  key:
    file: ~/.local/share/arr-mcp/credentials.secret
  fine:
    file: ./secrets/token
configs:
  shadow:
    file: /etc/shadow
`);
  assert.deepEqual(words(flags), [
    `The stack reads the secret "key" from /home/media/.local/share/arr-mcp/credentials.secret, inside arr-mcp's data folder /home/media/.local/share/arr-mcp.`,
    `The stack reads the config "shadow" from /etc/shadow, inside the host system folder /etc.`,
  ]);
});

Deno.test("checkCompose() flags env_file, label_file, x-podman.rootfs and init-path on protected paths", () => {
  const flags = composeFlags({
    env_file: ["./stack.env", { path: "/home/media/.local/share/arr-mcp/api-key", required: false }],
    label_file: "/etc/labels",
    "x-podman.rootfs": "/",
    "init-path": "/run/user/1000/podman/podman.sock",
  });
  assert.deepEqual(words(flags), [
    `Service "app" reads environment variables from /home/media/.local/share/arr-mcp/api-key, inside arr-mcp's data folder /home/media/.local/share/arr-mcp.`,
    `Service "app" reads labels from /etc/labels, inside the host system folder /etc.`,
    `Service "app" runs from the root file system /, the whole host file system.`,
    `Service "app" runs as its init program /run/user/1000/podman/podman.sock, the container runtime socket.`,
  ]);
  assert.deepEqual(composeFlags({ env_file: ".env" }), []);
});

Deno.test("checkCompose() flags a build context, Dockerfile or extra context on protected paths", () => {
  assert.deepEqual(words(composeFlags({ build: "/" })), [
    `Service "app" builds an image from /, the whole host file system.`,
  ]);
  assert.deepEqual(
    words(composeFlags({
      build: {
        context: ".",
        dockerfile: "../../../home/media/.local/share/arr-mcp/credentials.secret",
        additional_contexts: {
          home: "/home/media",
          web: "https://github.com/x/y.git",
          img: "docker-image://alpine",
        },
      },
    })),
    [
      `Service "app" builds from the Dockerfile /home/media/.local/share/arr-mcp/credentials.secret, inside arr-mcp's data folder /home/media/.local/share/arr-mcp.`,
      `Service "app" builds an image from /home/media, a folder that contains arr-mcp's data folder /home/media/.local/share/arr-mcp.`,
    ],
  );
  assert.deepEqual(composeFlags({ build: { context: "./app", dockerfile: "Containerfile" } }), []);
  assert.deepEqual(composeFlags({ build: "https://github.com/x/y.git#main" }), []);
});

Deno.test("checkCompose() flags a ~user path and a ~ path without a known home folder as unresolved", () => {
  assert.deepEqual(words(composeFlags({ volumes: ["~root/.ssh:/ssh"] })), [
    `Cannot tell what service "app" mounts ("~root/.ssh"): "~root" names another user's home folder.`,
  ]);
  const { homeDir: _, ...noHome } = CTX;
  assert.deepEqual(words(composeFlags({ volumes: ["~/media:/media"] }, noHome)), [
    `Cannot tell what service "app" mounts ("~/media"): the home folder is not known.`,
  ]);
});
