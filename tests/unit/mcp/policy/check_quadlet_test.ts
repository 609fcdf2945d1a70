import assert from "node:assert/strict";
import { checkQuadlet } from "../../../../mcp/policy/check_quadlet.ts";
import { CTX, quadletFlags, rules, words } from "./_support.ts";

const container = (...lines: string[]) =>
  `[Container]\nImage=docker.io/library/busybox\n${lines.join("\n")}\n`;

Deno.test("checkQuadlet() gives no flags for a plain media container", () => {
  const unit = `[Unit]
Description=Sonarr

[Container]
Image=lscr.io/linuxserver/sonarr:latest
ContainerName=sonarr
Volume=/opt/stacks/media/sonarr:/config
Volume=/media-server:/data
Volume=%h/media:/media
Volume=media-cache.volume:/cache
Volume=/etc/localtime:/etc/localtime:ro
AddDevice=/dev/dri
AddCapability=NET_ADMIN CHOWN
PublishPort=8989:8989
Network=media.network
NoNewPrivileges=true
PodmanArgs=--tz=local --label "a b"

[Service]
Restart=always
TimeoutStartSec=900

[Install]
WantedBy=default.target
`;
  assert.deepEqual(quadletFlags(unit), []);
});

Deno.test("checkQuadlet() flags PodmanArgs=--privileged and names the unit", () => {
  assert.deepEqual(quadletFlags(container("PodmanArgs=--privileged")), [{
    unit: "app.container",
    rule: "privileged",
    severity: "confirm",
    words: `Unit "app.container" runs privileged, with every capability and the host's devices.`,
    detail: "[Container] PodmanArgs=--privileged",
  }]);
  assert.deepEqual(quadletFlags(container("PodmanArgs=--privileged=false")), []);
});

Deno.test("checkQuadlet() flags Volume=/:/host, Mount= binds and %h paths above the data dir", () => {
  assert.deepEqual(
    words(quadletFlags(container(
      "Volume=/:/host",
      "Mount=type=bind,source=/var/run/docker.sock,destination=/var/run/docker.sock",
      "Mount=type=glob,src=/etc/*.conf,dst=/conf",
      "Volume=%h/.local:/l:ro",
      "Mount=type=volume,source=data,destination=/data",
      "Mount=type=tmpfs,destination=/tmp",
    ))),
    [
      `Unit "app.container" mounts /, the whole host file system.`,
      `Unit "app.container" mounts /var/run/docker.sock, a container runtime socket.`,
      `Unit "app.container" mounts /etc, a host system folder.`,
      `Unit "app.container" mounts /home/media/.local, a folder that contains arr-mcp's data folder /home/media/.local/share/arr-mcp.`,
    ],
  );
});

Deno.test("checkQuadlet() flags a path with a host-dependent specifier as cannot tell", () => {
  assert.deepEqual(words(quadletFlags(container("Volume=%t/podman:/p"))), [
    `Cannot tell what unit "app.container" mounts ("%t/podman"): the systemd specifier "%t" depends on the host.`,
  ]);
  assert.deepEqual(quadletFlags(container("Volume=/srv/100%%:/p")), []);
});

Deno.test("checkQuadlet() flags the PodmanArgs namespace, capability, device and mount flags", () => {
  const flags = quadletFlags(container(
    "PodmanArgs=--pid=host --ipc host --uts=host --userns=host --cgroupns=host",
    "PodmanArgs=--cap-add=SYS_ADMIN --cap-add ALL --security-opt seccomp=unconfined --device /dev/sda",
    "PodmanArgs=-v /etc:/e --volume=/home:/h --mount type=bind,src=/root,dst=/r --volumes-from arr-mcp",
    `PodmanArgs=--env-file "%h/.local/share/arr-mcp/api-key" --device-cgroup-rule="c 8:* rwm"`,
  ));
  assert.deepEqual(rules(flags), [
    "host-namespace/confirm",
    "host-namespace/confirm",
    "host-namespace/confirm",
    "host-namespace/confirm",
    "host-namespace/confirm",
    "security-opt/confirm",
    "device/confirm",
    "host-path/confirm",
    "host-path/confirm",
    "host-path/confirm",
    "volumes-from/confirm",
    "host-path/confirm",
    "device/confirm",
    "capability/confirm",
    "all-capabilities/confirm",
  ]);
  assert.equal(flags[7]?.detail, "[Container] PodmanArgs=-v /etc:/e");
});

Deno.test("checkQuadlet() flags native keys: capabilities, devices, security labels, seccomp, unmask", () => {
  assert.deepEqual(
    words(quadletFlags(container(
      "AddCapability=SYS_PTRACE",
      "AddDevice=-/dev/ttyUSB0",
      "SecurityLabelDisable=true",
      "SecurityLabelType=spc_t",
      "SeccompProfile=unconfined",
      "Unmask=ALL",
      "UserNS=host",
      "EnvironmentHost=yes",
    ))),
    [
      `Unit "app.container" gets the host device /dev/ttyUSB0.`,
      `Unit "app.container" turns off SELinux separation.`,
      `Unit "app.container" runs with the SELinux type spc_t instead of the confined container type.`,
      `Unit "app.container" turns off its seccomp system-call filter.`,
      `Unit "app.container" unmasks kernel paths that Podman hides (ALL).`,
      `Unit "app.container" runs in the host's user namespace instead of its own.`,
      `Unit "app.container" gets the host's environment variables.`,
      `Unit "app.container" adds the Linux capability SYS_PTRACE (trace and read other processes).`,
    ],
  );
  assert.deepEqual(
    quadletFlags(container("SecurityLabelDisable=false", "SecurityLabelType=container_t", "UserNS=keep-id")),
    [],
  );
});

Deno.test("checkQuadlet() names Network=host and flags NET_ADMIN with it", () => {
  assert.deepEqual(rules(quadletFlags(container("Network=host"))), ["host-network/notice"]);
  assert.deepEqual(rules(quadletFlags(container("AddCapability=NET_ADMIN", "PodmanArgs=--network=host"))), [
    "host-network/notice",
    "host-network-admin/confirm",
  ]);
  assert.deepEqual(rules(quadletFlags(container("Network=container:gluetun"))), ["shared-namespace/notice"]);
  assert.deepEqual(quadletFlags(container("AddCapability=NET_ADMIN", "Network=gluetun.container")), []);
});

Deno.test("checkQuadlet() flags [Service] Exec* lines and Podman's own environment", () => {
  const unit = container() + `[Service]
ExecStartPre=/bin/sh -c "cat ~/.local/share/arr-mcp/credentials.secret"
Environment=CONTAINERS_CONF_OVERRIDE=/tmp/x.conf
Restart=always
`;
  assert.deepEqual(quadletFlags(unit).map((f) => [f.rule, f.words]), [
    [
      "host-command",
      `Unit "app.container" runs the host command "/bin/sh -c \\"cat ~/.local/share/arr-mcp/credentials.secret\\"" (ExecStartPre=).`,
    ],
    [
      "podman-config",
      `Unit "app.container" sets the environment of the Podman process itself (Environment=CONTAINERS_CONF_OVERRIDE=/tmp/x.conf).`,
    ],
  ]);
});

Deno.test("checkQuadlet() flags GlobalArgs hooks, runtimes and containers.conf modules", () => {
  assert.deepEqual(
    words(quadletFlags(container(
      "GlobalArgs=--hooks-dir=/home/media/hooks --runtime /home/media/bin/runc --log-level=debug",
      "ContainersConfModule=/home/media/privileged.conf",
    ))),
    [
      `Unit "app.container" runs OCI hooks from the host folder /home/media/hooks.`,
      `Unit "app.container" runs the host program /home/media/bin/runc to start the container.`,
      `Unit "app.container" loads the containers.conf module /home/media/privileged.conf, which can change any Podman default.`,
    ],
  );
});

Deno.test("checkQuadlet() flags Rootfs=, EnvironmentFile= and LogOpt=path= on host files", () => {
  assert.deepEqual(
    words(
      quadletFlags(
        container("Rootfs=/:O", "EnvironmentFile=/etc/environment", "LogOpt=path=/home/media/.profile"),
      ),
    ),
    [
      `Unit "app.container" runs from the root file system /, the whole host file system.`,
      `Unit "app.container" reads environment variables from /etc/environment, inside the host system folder /etc.`,
      `Unit "app.container" writes its log to the host file /home/media/.profile.`,
    ],
  );
});

Deno.test("checkQuadlet() checks .pod, .volume, .build, .kube and .image units", async (t) => {
  await t.step(".pod", () => {
    assert.deepEqual(rules(quadletFlags("[Pod]\nNetwork=host\nVolume=/root:/r\nPodmanArgs=--pid=host\n")), [
      "host-network/notice",
      "host-path/confirm",
      "host-namespace/confirm",
    ]);
  });
  await t.step(".volume bound to a host folder", () => {
    assert.deepEqual(words(quadletFlags("[Volume]\nType=none\nOptions=bind\nDevice=/home/media\n")), [
      `Unit "app.container" binds the volume to /home/media, a folder that contains arr-mcp's data folder /home/media/.local/share/arr-mcp.`,
    ]);
    assert.deepEqual(quadletFlags("[Volume]\nType=nfs\nOptions=addr=10.0.0.2\nDevice=:/export\n"), []);
    assert.deepEqual(quadletFlags("[Volume]\nOptions=bind\nDevice=/srv/media\n"), []);
  });
  await t.step(".build", () => {
    assert.deepEqual(
      words(
        quadletFlags(
          "[Build]\nImageTag=localhost/x\nSetWorkingDirectory=/\nFile=/etc/shadow\nSecret=id=k,src=/root/key\n",
        ),
      ),
      [
        `Unit "app.container" builds an image from /, the whole host file system.`,
        `Unit "app.container" builds from the Dockerfile /etc/shadow, inside the host system folder /etc.`,
        `Unit "app.container" reads the build secret /root/key, inside the host system folder /root.`,
      ],
    );
    assert.deepEqual(
      quadletFlags("[Build]\nImageTag=localhost/x\nSetWorkingDirectory=unit\nFile=Containerfile\n"),
      [],
    );
  });
  await t.step(".kube", () => {
    assert.deepEqual(rules(quadletFlags("[Kube]\nYaml=/opt/stacks/media/app.yaml\nUserNS=host\n")), [
      "unchecked-file/confirm",
      "host-namespace/confirm",
    ]);
  });
  await t.step(".image", () => {
    assert.deepEqual(
      rules(quadletFlags("[Image]\nImage=docker.io/x\nAuthFile=/home/media/.local/share/arr-mcp/api-key\n")),
      [
        "host-path/confirm",
      ],
    );
  });
  await t.step(".network", () => {
    assert.deepEqual(quadletFlags("[Network]\nSubnet=10.89.0.0/24\nPodmanArgs=--ipv6\n"), []);
  });
});

Deno.test("checkQuadlet() reads continuation lines and quoted PodmanArgs words", () => {
  assert.deepEqual(rules(quadletFlags(container('PodmanArgs=--tz=local \\\n  "--volume=/etc:/e"'))), [
    "host-path/confirm",
  ]);
});

Deno.test("checkQuadlet() names an unnamed unit as the unit", () => {
  const r = checkQuadlet(container("PodmanArgs=--privileged"), CTX);
  assert.ok(r.ok);
  assert.equal(r.value[0]?.words, "The unit runs privileged, with every capability and the host's devices.");
  assert.equal(r.value[0]?.unit, undefined);
});

Deno.test("checkQuadlet() returns an error for a unit it cannot read", () => {
  assert.deepEqual(checkQuadlet("[Service]\nExecStart=/bin/true\n", CTX, { unit: "x.service" }), {
    ok: false,
    error: {
      message:
        `Cannot check unit "x.service": it has no [Container], [Pod], [Volume], [Network], [Kube], [Build], [Image] section`,
    },
  });
  assert.deepEqual(checkQuadlet(container(`PodmanArgs=--label "open`), CTX), {
    ok: false,
    error: { message: `Cannot check unit: [Container] PodmanArgs= has an unterminated quote` },
  });
});
