import assert from "node:assert/strict";
import {
  composeService,
  dockerStats,
  errorReason,
  podmanStats,
  toDetails,
  toEvent,
  toSummary,
} from "../../../../../mcp/clients/runtime/normalize.ts";

Deno.test("toSummary() reads libpod and docker list entries alike", () => {
  const libpod = toSummary({
    Id: "abc",
    Names: ["web"],
    Image: "localhost/busybox:test",
    ImageID: "0ac33e5f5afa79e084075e8698a22d574816eea8d7b7d480586835657c3e1c8b",
    State: "running",
    Status: "",
    Created: "2026-11-22T03:36:57.26348112Z",
    Labels: { "io.podman.compose.project": "media" },
    Ports: [{ host_ip: "127.0.0.1", host_port: 8080, container_port: 80, protocol: "tcp" }],
  });
  assert.deepEqual(libpod, {
    id: "abc",
    name: "web",
    image: "localhost/busybox:test",
    imageId: "0ac33e5f5afa79e084075e8698a22d574816eea8d7b7d480586835657c3e1c8b",
    state: "running",
    status: "",
    created: "2026-11-22T03:36:57.263Z",
    labels: { "io.podman.compose.project": "media" },
    composeProject: "media",
    ports: ["127.0.0.1:8080->80/tcp"],
  });
  const docker = toSummary({
    Id: "def",
    Names: ["/db"],
    Image: "postgres",
    ImageID: "sha256:5f2ce2ab1b8e",
    State: "exited",
    Status: "Exited (0) 2 minutes ago",
    Created: 1795318617,
    Labels: { "com.docker.compose.project": "apps" },
    Ports: [{ PrivatePort: 5432, Type: "tcp" }],
  });
  assert.equal(docker.name, "db");
  assert.equal(docker.imageId, "5f2ce2ab1b8e");
  assert.equal(docker.composeProject, "apps");
  assert.equal(docker.created, new Date(1795318617000).toISOString());
  assert.deepEqual(docker.ports, ["5432/tcp"]);
});

Deno.test("toDetails() lists env names only and maps unset times to null", () => {
  const d = toDetails({
    Id: "abc",
    Name: "/web",
    State: {
      Status: "created",
      Running: false,
      StartedAt: "0001-01-01T00:00:00Z",
      FinishedAt: "0001-01-01T00:00:00Z",
    },
    Config: { Env: ["PATH=/bin", "API_KEY=secret"], Cmd: ["sleep", "1"], Labels: null, Image: "busybox" },
    HostConfig: { RestartPolicy: { Name: "" } },
  });
  assert.deepEqual(d.envNames, ["PATH", "API_KEY"]);
  assert.equal(d.startedAt, null);
  assert.equal(d.exitCode, null);
  assert.equal(d.restartPolicy, null);
  assert.equal(d.name, "web");
  assert.doesNotMatch(JSON.stringify(d), /secret/);
});

Deno.test("podmanStats() and dockerStats() give the same shape; docker CPU % comes from the deltas", () => {
  assert.equal(
    podmanStats({ Name: "web", CPU: 1.23456, MemUsage: 10, MemLimit: 100, MemPerc: 10, PIDs: 2 }).cpuPercent,
    1.23,
  );
  const s = dockerStats({
    name: "/web",
    cpu_stats: { cpu_usage: { total_usage: 2_000 }, system_cpu_usage: 20_000, online_cpus: 2 },
    precpu_stats: { cpu_usage: { total_usage: 1_000 }, system_cpu_usage: 10_000 },
    memory_stats: { usage: 600, limit: 1000, stats: { inactive_file: 100 } },
    networks: { eth0: { rx_bytes: 5, tx_bytes: 7 }, eth1: { rx_bytes: 1, tx_bytes: 1 } },
    blkio_stats: { io_service_bytes_recursive: [{ op: "Read", value: 3 }, { op: "Write", value: 4 }] },
    pids_stats: { current: 3 },
  }, "fallback");
  assert.deepEqual(s, {
    name: "web",
    cpuPercent: 20,
    memUsageBytes: 500,
    memLimitBytes: 1000,
    memPercent: 50,
    netInputBytes: 6,
    netOutputBytes: 8,
    blockInputBytes: 3,
    blockOutputBytes: 4,
    pids: 3,
  });
});

Deno.test("toEvent() reads the container name from the actor's attributes", () => {
  const e = toEvent({
    Type: "container",
    Action: "stop",
    Actor: { ID: "abc", Attributes: { name: "web" } },
    time: 1795318617,
    timeNano: 1795318617123456789,
  });
  assert.deepEqual(e, {
    time: new Date(1795318617123).toISOString(),
    type: "container",
    action: "stop",
    name: "web",
    id: "abc",
  });
});

Deno.test("composeService() reads podman-compose's and Docker Compose's service label", () => {
  assert.equal(composeService({ "io.podman.compose.service": "web" }), "web");
  assert.equal(composeService({ "com.docker.compose.service": "db" }), "db");
  assert.equal(composeService({ "io.podman.compose.project": "media" }), null);
});

Deno.test("errorReason() takes the API's cause, then its message, then the start of the body", () => {
  const podman404 =
    '{"cause":"no such container","message":"no container with name or ID \\"x\\" found","response":404}';
  assert.equal(errorReason(podman404), "no such container");
  assert.equal(errorReason('{"message":"manifest unknown"}'), "manifest unknown");
  assert.equal(errorReason("  upstream timed out\n"), "upstream timed out");
  assert.equal(errorReason("x".repeat(500)).length, 200);
});
