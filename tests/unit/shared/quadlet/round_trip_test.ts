import assert from "node:assert/strict";
import fc from "fast-check";
import { parse, stringify } from "yaml";
import { convertCompose } from "../../../../shared/quadlet/convert.ts";
import { quadletToCompose } from "../../../../shared/quadlet/reverse.ts";

const COMPOSE = `name: rt
services:
  web:
    image: docker.io/library/nginx:1.27
    container_name: web-custom
    hostname: web
    environment:
      A: "1"
      B: two words
      PCT: 100%
      QUOTE: say "hi"
    ports: ["8080:80", "127.0.0.1:8443:443", "6881:6881/udp", "[::1]:53:53/udp"]
    volumes: ["/srv/web/html:/usr/share/nginx/html:ro", "data:/data", "/anon"]
    networks: [front]
    depends_on:
      db:
        condition: service_healthy
    restart: always
    command: [nginx, -g, "daemon off;"]
    entrypoint: [/docker-entrypoint.sh]
    labels:
      a: b c
      traefik.enable: "true"
    cap_add: [NET_ADMIN]
    cap_drop: [ALL]
    devices: [/dev/dri:/dev/dri]
    user: "1000:1000"
    working_dir: /app
    tmpfs: [/run]
    read_only: true
    security_opt: [no-new-privileges:true, label=disable]
    ulimits:
      nofile:
        soft: 1024
        hard: 2048
      nproc: 512
    shm_size: 1g
    stop_grace_period: 30s
    stop_signal: SIGTERM
    init: true
    extra_hosts: ["db.local:10.0.0.5"]
    dns: [1.1.1.1]
    dns_search: [example.com]
    sysctls:
      net.core.somaxconn: "1024"
    logging:
      driver: json-file
      options:
        max-size: 10m
    healthcheck:
      test: [CMD-SHELL, curl -f http://localhost/]
      interval: 30s
      timeout: 5s
      retries: 3
      start_period: 10s
    mem_limit: 512m
    privileged: true
  db:
    image: docker.io/library/postgres:16
    networks: [front]
    environment:
      POSTGRES_PASSWORD: secret
    healthcheck:
      test: [CMD-SHELL, pg_isready]
  worker:
    image: docker.io/library/busybox
    network_mode: service:web
    depends_on: [cache]
    restart: on-failure
  cache:
    image: docker.io/library/redis:7
networks:
  front:
    driver: bridge
    internal: true
    labels:
      tier: front
volumes:
  data:
    driver_opts:
      type: tmpfs
      device: tmpfs
      o: size=100m
`;

for (const podmanVersion of ["4.9", "5.4"]) {
  Deno.test(`quadletToCompose() restores what convertCompose() wrote (Podman ${podmanVersion})`, () => {
    const forward = convertCompose({ compose: COMPOSE, projectDir: "/srv/web" }, { podmanVersion });
    assert.ok(forward.ok, JSON.stringify(!forward.ok && forward.error));
    const back = quadletToCompose(forward.value.units, { stack: "rt" });
    assert.ok(back.ok);
    assert.deepEqual(back.value.compose, parse(COMPOSE));
    assert.deepEqual(parse(back.value.yaml), back.value.compose);
    assert.deepEqual(back.value.warnings, []);
  });
}

Deno.test("round trip on Podman 4.4 loses only the health condition and the compose names, which the report names", () => {
  const forward = convertCompose({ compose: COMPOSE, projectDir: "/srv/web" }, { podmanVersion: "4.4" });
  assert.ok(forward.ok);
  assert.deepEqual(forward.value.report.unsupported, [{
    service: null,
    key: "networks.default",
    reason:
      'NetworkName= needs Podman 4.7 (target 4.4): the network is named systemd-rt-default, not "rt_default" as compose names it',
  }, {
    service: null,
    key: "networks.front",
    reason:
      'NetworkName= needs Podman 4.7 (target 4.4): the network is named systemd-rt-front, not "rt_front" as compose names it',
  }, {
    service: null,
    key: "volumes.data",
    reason:
      'VolumeName= needs Podman 4.7 (target 4.4): the volume is named systemd-rt-data, not "rt_data" as compose names it',
  }, {
    service: "db",
    key: "healthcheck",
    reason: "dependents wait for it to be healthy, which needs Podman 4.7 (target 4.4)",
  }]);
  const back = quadletToCompose(forward.value.units, { stack: "rt" });
  assert.ok(back.ok);
  const expected = parse(COMPOSE);
  expected.services.web.depends_on = ["db"];
  assert.deepEqual(back.value.compose, expected);
});

Deno.test("quadletToCompose() brings relative binds back absolute and unless-stopped back as always", () => {
  const forward = convertCompose({
    compose:
      "services:\n  a:\n    image: docker.io/library/x\n    restart: unless-stopped\n    volumes: [./conf:/conf]\n",
    projectDir: "/opt/stacks/demo",
  });
  assert.ok(forward.ok);
  const back = quadletToCompose(forward.value.units);
  assert.ok(back.ok);
  assert.deepEqual(back.value.compose, {
    services: {
      a: { image: "docker.io/library/x", restart: "always", volumes: ["/opt/stacks/demo/conf:/conf"] },
    },
  });
});

Deno.test("quadletToCompose() warns about keys without a compose form and rejects unknown unit types", () => {
  const back = quadletToCompose([{
    fileName: "a.container",
    text:
      "[Unit]\nDescription=A\n[Container]\nImage=x\nTimezone=UTC\nPodmanArgs=--blkio-weight 10\n[Service]\nTimeoutStartSec=600\n[Install]\nWantedBy=multi-user.target\n",
  }]);
  assert.ok(back.ok);
  assert.deepEqual(back.value.compose, { services: { a: { image: "x", container_name: "systemd-a" } } });
  assert.deepEqual(back.value.warnings, [
    'service "a": quadlet key Timezone= has no compose equivalent; left out',
    'service "a": PodmanArgs --blkio-weight has no compose equivalent; left out',
    'service "a": [Unit] Description= has no compose equivalent; left out',
    'service "a": [Service] TimeoutStartSec=600 has no compose equivalent; left out',
    'service "a": [Install] WantedBy=multi-user.target has no compose equivalent; left out',
  ]);
  const bad = quadletToCompose([{ fileName: "a.kube", text: "[Kube]\nYaml=x\n" }]);
  assert.ok(!bad.ok);
  assert.match(bad.error.message, /not a \.container, \.network, \.volume or \.build file/);
});

const envName = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,8}$/);
const labelName = fc.stringMatching(/^[a-z][a-z0-9.-]{0,10}$/);
const anyText = fc.string({ unit: "grapheme", maxLength: 20 }).filter((s) => !s.includes("\r"));

Deno.test("round trip preserves arbitrary environment, label and command strings", () => {
  fc.assert(
    fc.property(
      fc.dictionary(envName, anyText, { maxKeys: 4 }),
      fc.dictionary(labelName, anyText, { maxKeys: 3 }),
      fc.array(anyText, { minLength: 1, maxLength: 4 }),
      (environment, labels, command) => {
        const svc: Record<string, unknown> = { image: "docker.io/library/busybox", command };
        if (Object.keys(environment).length) svc["environment"] = { ...environment };
        if (Object.keys(labels).length) svc["labels"] = { ...labels };
        const doc = { services: { app: svc } };
        // `$` must be written `$$` in compose text (interpolation); the parsed values keep a single `$`.
        const text = stringify(doc).replaceAll("$", "$$$$");
        const forward = convertCompose({ compose: text, projectDir: "/srv" }, { podmanVersion: "5.4" });
        assert.ok(forward.ok, JSON.stringify(!forward.ok && forward.error));
        const back = quadletToCompose(forward.value.units);
        assert.ok(back.ok);
        assert.deepEqual(back.value.compose, doc);
      },
    ),
    { numRuns: 200 },
  );
});

Deno.test("round trip keeps build settings through .build units (Podman 5.4)", () => {
  const compose = `services:
  web:
    image: registry.example.com/web:1
    build:
      context: /srv/app/web
      dockerfile: Containerfile
      args:
        VERSION: "1.2"
      target: prod
      labels:
        role: web
      pull: true
      no_cache: true
  worker:
    build:
      context: /srv/app/worker
`;
  const forward = convertCompose({ compose, projectDir: "/srv/app" }, { podmanVersion: "5.4" });
  assert.ok(forward.ok);
  assert.deepEqual(forward.value.report.units, [
    "web.container",
    "web.build",
    "worker.container",
    "worker.build",
    "default.network",
  ]);
  const back = quadletToCompose(forward.value.units);
  assert.ok(back.ok);
  assert.deepEqual(back.value.compose, parse(compose));
});

Deno.test("round trip keeps per-network addresses and aliases of a container on two networks", () => {
  const compose = `name: rt
services:
  dns:
    image: docker.io/pihole/pihole
    container_name: pihole
    networks:
      lan:
        ipv4_address: 192.168.1.53
        ipv6_address: fd00::53
        mac_address: 02:42:c0:a8:01:35
        aliases: [pi.hole, dns.lan]
      back:
        interface_name: eth1
networks:
  lan:
  back:
`;
  const forward = convertCompose({ compose, projectDir: "/srv/rt" }, { podmanVersion: "5.4" });
  assert.ok(forward.ok);
  const back = quadletToCompose(forward.value.units, { stack: "rt" });
  assert.ok(back.ok);
  assert.deepEqual(back.value.compose, parse(compose));
  assert.deepEqual(back.value.warnings, []);
});

Deno.test("round trip keeps depends_on service_completed_successfully through the one-shot unit", () => {
  const compose = `services:
  app:
    image: docker.io/library/x
    network_mode: none
    depends_on:
      migrate:
        condition: service_completed_successfully
  migrate:
    image: docker.io/library/x
    network_mode: none
    restart: on-failure
`;
  const forward = convertCompose({ compose, projectDir: "/srv/rt" }, { podmanVersion: "5.4" });
  assert.ok(forward.ok);
  const back = quadletToCompose(forward.value.units);
  assert.ok(back.ok);
  assert.deepEqual(back.value.warnings, []);
  assert.deepEqual(back.value.compose, parse(compose));
});
