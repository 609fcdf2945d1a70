import assert from "node:assert/strict";
import { composeFlags, rules, words } from "./_support.ts";

Deno.test("checkCompose() flags privileged: true and not privileged: false", () => {
  const flags = composeFlags({ privileged: true });
  assert.deepEqual(flags, [{
    service: "app",
    rule: "privileged",
    severity: "confirm",
    words: `Service "app" runs privileged, with every capability and the host's devices.`,
    detail: "privileged: true",
  }]);
  assert.deepEqual(composeFlags({ privileged: false }), []);
});

Deno.test('checkCompose() flags privileged: "false" as a string, which podman-compose treats as true', () => {
  assert.deepEqual(rules(composeFlags({ privileged: "false" })), ["privileged/confirm"]);
});

Deno.test("checkCompose() flags the host's pid, ipc, uts, user and cgroup namespaces", async (t) => {
  for (
    const [key, sentence] of [
      [
        "pid",
        "shares the host's process namespace, so it sees host processes and may read their environment.",
      ],
      ["ipc", "shares the host's IPC (shared memory) namespace."],
      ["uts", "shares the host's hostname namespace."],
      ["userns_mode", "runs in the host's user namespace instead of its own."],
      ["cgroup", "shares the host's cgroup namespace."],
    ]
  ) {
    await t.step(`${key}: host`, () => {
      const flags = composeFlags({ [key as string]: "host" });
      assert.deepEqual(flags.map((f) => [f.rule, f.severity, f.words, f.detail]), [
        ["host-namespace", "confirm", `Service "app" ${sentence}`, `${key}: "host"`],
      ]);
    });
  }
  assert.deepEqual(composeFlags({ ipc: "private", userns_mode: "keep-id", cgroup: "private", pid: "" }), []);
});

Deno.test("checkCompose() flags a namespace joined by path", () => {
  assert.deepEqual(words(composeFlags({ network_mode: "ns:/proc/1/ns/net" })), [
    `Service "app" joins the network namespace at /proc/1/ns/net.`,
  ]);
});

Deno.test("checkCompose() names network_mode: host as a notice", () => {
  assert.deepEqual(composeFlags({ network_mode: "host" }), [{
    service: "app",
    rule: "host-network",
    severity: "notice",
    words: `Service "app" uses the host's network directly.`,
    detail: `network_mode: "host"`,
  }]);
  assert.deepEqual(composeFlags({ network_mode: "bridge" }), []);
  assert.deepEqual(composeFlags({ network_mode: "none" }), []);
});

Deno.test("checkCompose() names a network called host (podman-compose passes --network=host)", () => {
  const flags = composeFlags(`
services:
  app:
    image: busybox
    cap_add: [NET_ADMIN]
    networks: [hostnet]
networks:
  hostnet:
    name: host
    external: true
`);
  assert.deepEqual(rules(flags), ["host-network/notice", "host-network-admin/confirm"]);
});

Deno.test("checkCompose() names another container's namespaces and pid: service:x as notices", () => {
  const flags = composeFlags(`
services:
  vpn:
    image: gluetun
  app:
    image: busybox
    network_mode: "container:other"
    pid: "service:vpn"
  web:
    image: busybox
    network_mode: "service:vpn"
`);
  assert.deepEqual(flags.map((f) => [f.service, f.rule, f.severity, f.words]), [
    [
      "app",
      "shared-namespace",
      "notice",
      `Service "app" shares the process namespace of service "vpn".`,
    ],
    [
      "app",
      "shared-namespace",
      "notice",
      `Service "app" uses the network namespace of container "other", outside this stack.`,
    ],
  ]);
});

Deno.test("checkCompose() flags joining an outside container's process or IPC namespace", () => {
  assert.deepEqual(
    composeFlags({ pid: "container:arr-mcp", ipc: "container:arr-mcp" }).map((f) => [f.severity, f.words]),
    [
      [
        "confirm",
        `Service "app" uses the process namespace of container "arr-mcp", outside this stack, so it may see that container's processes and files.`,
      ],
      [
        "confirm",
        `Service "app" uses the IPC (shared memory) namespace of container "arr-mcp", outside this stack.`,
      ],
    ],
  );
});

Deno.test("checkCompose() names host-loopback access through slirp4netns and pasta options", () => {
  assert.deepEqual(rules(composeFlags({ network_mode: "slirp4netns:allow_host_loopback=true" })), [
    "host-loopback/notice",
  ]);
  assert.deepEqual(rules(composeFlags({ network_mode: "pasta:--map-gw" })), ["host-loopback/notice"]);
  assert.deepEqual(composeFlags({ network_mode: "slirp4netns:allow_host_loopback=false" }), []);
  assert.deepEqual(composeFlags({ network_mode: "pasta" }), []);
});

Deno.test("checkCompose() flags capabilities outside Podman's default set plus NET_ADMIN", () => {
  assert.deepEqual(words(composeFlags({ cap_add: ["SYS_ADMIN", "cap_sys_module", "NET_RAW", "SYS_NICE"] })), [
    `Service "app" adds the Linux capability SYS_ADMIN (mount file systems and much more).`,
    `Service "app" adds the Linux capability SYS_MODULE (load kernel modules).`,
    `Service "app" adds the Linux capability NET_RAW (raw network packets).`,
    `Service "app" adds the Linux capability SYS_NICE.`,
  ]);
  assert.deepEqual(composeFlags({ cap_add: ["NET_ADMIN", "CHOWN", "cap_setuid", "net_bind_service"] }), []);
});

Deno.test("checkCompose() flags cap_add: ALL", () => {
  assert.deepEqual(composeFlags({ cap_add: ["ALL"] }).map((f) => [f.rule, f.words]), [
    ["all-capabilities", `Service "app" adds every Linux capability.`],
  ]);
});

Deno.test("checkCompose() splits a comma-separated capability the way podman does", () => {
  assert.deepEqual(rules(composeFlags({ cap_add: ["NET_ADMIN,SYS_ADMIN"] })), ["capability/confirm"]);
});

Deno.test("checkCompose() flags NET_ADMIN on the host's network, also through network_mode: service:x", () => {
  assert.deepEqual(rules(composeFlags({ cap_add: ["NET_ADMIN"], network_mode: "host" })), [
    "host-network/notice",
    "host-network-admin/confirm",
  ]);
  const flags = composeFlags(`
services:
  hostvpn:
    image: busybox
    network_mode: host
  app:
    image: busybox
    network_mode: service:hostvpn
    cap_add: [NET_ADMIN]
`);
  assert.deepEqual(flags.map((f) => `${f.service} ${f.rule}`), [
    "hostvpn host-network",
    "app host-network-admin",
  ]);
});

Deno.test("checkCompose() flags security options that turn confinement off", () => {
  const flags = composeFlags({
    security_opt: [
      "seccomp:unconfined",
      "seccomp=/opt/stacks/media/allow-all.json",
      "apparmor=unconfined",
      "label:disable",
      "label=type:spc_t",
      "systempaths=unconfined",
      "unmask=ALL",
    ],
  });
  assert.deepEqual(words(flags), [
    `Service "app" turns off its seccomp system-call filter.`,
    `Service "app" replaces Podman's seccomp filter with the profile /opt/stacks/media/allow-all.json.`,
    `Service "app" turns off its AppArmor profile.`,
    `Service "app" turns off SELinux separation.`,
    `Service "app" runs with the SELinux type spc_t instead of the confined container type.`,
    `Service "app" gets unmasked, writable /proc and /sys paths.`,
    `Service "app" unmasks kernel paths that Podman hides (ALL).`,
  ]);
  assert.ok(flags.every((f) => f.rule === "security-opt" && f.severity === "confirm"));
});

Deno.test("checkCompose() keeps security options that keep confinement", () => {
  assert.deepEqual(
    composeFlags({
      security_opt: [
        "no-new-privileges:true",
        "apparmor=my-profile",
        "label=type:container_t",
        "label=level:s0",
      ],
    }),
    [],
  );
});

Deno.test("checkCompose() flags devices other than the media ones", () => {
  const flags = composeFlags({
    devices: [
      "/dev/dri:/dev/dri",
      "/dev/dri/renderD128",
      "/dev/dvb/adapter0:/dev/dvb/adapter0",
      "/dev/net/tun",
      "nvidia.com/gpu=all",
      "/dev/sda:/dev/sda:rwm",
      { source: "/dev/bus/usb", target: "/dev/bus/usb", permissions: "rwm" },
      "/dev/net",
    ],
  });
  assert.deepEqual(flags.map((f) => [f.words, f.detail]), [
    [`Service "app" gets the host device /dev/sda.`, `devices[5]: "/dev/sda:/dev/sda:rwm"`],
    [
      `Service "app" gets the host device /dev/bus/usb.`,
      `devices[6]: {"source":"/dev/bus/usb","target":"/dev/bus/usb","permissions":"rwm"}`,
    ],
    [`Service "app" gets the host device /dev/net.`, `devices[7]: "/dev/net"`],
  ]);
});

Deno.test("checkCompose() flags device cgroup rules", () => {
  assert.deepEqual(words(composeFlags({ device_cgroup_rules: ["c 189:* rmw"] })), [
    `Service "app" may use host devices matching the cgroup rule "c 189:* rmw".`,
  ]);
});

Deno.test("checkCompose() flags volumes_from a container and names volumes_from a service", () => {
  const flags = composeFlags(`
services:
  data:
    image: busybox
  app:
    image: busybox
    volumes_from: ["data:ro", "container:arr-mcp"]
`);
  assert.deepEqual(flags.map((f) => [f.rule, f.severity, f.words]), [
    ["volumes-from", "notice", `Service "app" mounts every volume of service "data".`],
    [
      "volumes-from",
      "confirm",
      `Service "app" mounts every volume of container "arr-mcp", which this check cannot see.`,
    ],
  ]);
});

Deno.test("checkCompose() flags a runtime given as a host program, not one given by name", () => {
  assert.deepEqual(words(composeFlags({ runtime: "/home/media/bin/evil" })), [
    `Service "app" runs the host program /home/media/bin/evil to start the container.`,
  ]);
  assert.deepEqual(composeFlags({ runtime: "crun" }), []);
});

Deno.test("checkCompose() flags a log file path", () => {
  assert.deepEqual(
    words(composeFlags({ logging: { driver: "k8s-file", options: { path: "/home/media/.bashrc" } } })),
    [
      `Service "app" writes its log to the host file /home/media/.bashrc.`,
    ],
  );
  assert.deepEqual(composeFlags({ logging: { driver: "journald", options: { tag: "x" } } }), []);
});

Deno.test("checkCompose() flags extends and include from files it does not read", () => {
  const flags = composeFlags(`
include:
  - ../other/compose.yaml
services:
  app:
    image: busybox
    extends:
      file: hwaccel.yml
      service: hwaccel
  web:
    extends: app
`);
  assert.deepEqual(words(flags), [
    `Service "app" extends a service from hwaccel.yml, which this check does not read.`,
    `The stack includes ../other/compose.yaml, which this check does not read.`,
  ]);
  assert.equal(flags[1]?.service, undefined);
});

Deno.test("checkCompose() flags podman-compose pod_args like PodmanArgs", () => {
  const flags = composeFlags(`
x-podman:
  in_pod: true
  pod_args: ["--infra=false", "--share=", "--volume", "/:/host", "--network=host"]
services:
  app:
    image: busybox
`);
  assert.deepEqual(flags.map((f) => [f.service, f.rule, f.words]), [
    [undefined, "host-path", "The stack mounts /, the whole host file system."],
    [undefined, "host-network", "The stack uses the host's network directly."],
  ]);
});

Deno.test("checkCompose() gives an empty list for a plain media service", () => {
  assert.deepEqual(
    composeFlags({
      ports: ["8989:8989"],
      environment: ["PUID=1000", "TZ=Europe/Amsterdam"],
      volumes: ["./config:/config", "/media-server:/data", "/etc/localtime:/etc/localtime:ro"],
      devices: ["/dev/dri:/dev/dri"],
      security_opt: ["no-new-privileges:true"],
      restart: "unless-stopped",
    }),
    [],
  );
});
