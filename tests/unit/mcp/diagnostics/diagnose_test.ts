import assert from "node:assert/strict";
import { knownService } from "../../../../mcp/clients/media/known_services.ts";
import type { ContainerDetails } from "../../../../shared/container_details.ts";
import { diagnose, verdictOf } from "../../../../mcp/diagnostics/diagnose.ts";
import type { DiagnoseProbes } from "../../../../mcp/diagnostics/probes.ts";
import { hostAddressFor, parsePortBinding } from "../../../../mcp/diagnostics/ports.ts";

const SONARR = knownService("sonarr")!;
const SAB = knownService("sabnzbd")!;
const QBT = knownService("qbittorrent")!;

function details(overrides: Partial<ContainerDetails> = {}): ContainerDetails {
  return {
    id: "abc",
    name: "sonarr",
    image: "lscr.io/linuxserver/sonarr:latest",
    imageId: "5a5a5a5a5a5a",
    state: "running",
    running: true,
    startedAt: "2026-11-22T04:00:00.000Z",
    finishedAt: null,
    exitCode: null,
    restartCount: 0,
    restartPolicy: "unless-stopped",
    command: [],
    envNames: ["PUID"],
    mounts: [{ source: "/srv/sonarr", destination: "/config", readOnly: false }],
    ports: ["127.0.0.1:18989->8989/tcp"],
    labels: {},
    healthStatus: null,
    ...overrides,
  };
}

/** Probes answering from tables; records the URLs and addresses they were asked for. */
function probes(files: Record<string, string>, http: { status: number; body: string } | { error: string }) {
  const asked: string[] = [];
  const p: DiagnoseProbes = {
    tcpConnect: (host, port) => {
      asked.push(`tcp ${host}:${port}`);
      return Promise.resolve(
        port === 18989 || port === 18080 ? { ok: true } : { ok: false, message: "Connection refused" },
      );
    },
    httpGet: (url) => {
      asked.push(`GET ${url}`);
      return Promise.resolve(http);
    },
    stat: (path) =>
      Promise.resolve(
        path === "/srv/sonarr" || path === "/srv/sab"
          ? { isDirectory: true, uid: 1000, gid: 1000, mode: 0o40755 }
          : null,
      ),
    readText: (path) => Promise.resolve(files[path] ?? null),
  };
  return { p, asked };
}

Deno.test("diagnose() probes the published port and the health path under the config's URL base", async () => {
  const { p, asked } = probes(
    {
      "/srv/sonarr/config.xml":
        "<Config><Port>8989</Port><UrlBase>/tv</UrlBase><ApiKey>k3y-secret</ApiKey></Config>",
    },
    { status: 200, body: '{"status":"OK"}' },
  );
  const d = await diagnose({ details: details(), service: SONARR, serverUid: 1000, timeoutMs: 500 }, p);
  assert.deepEqual(asked, ["tcp 127.0.0.1:18989", "GET http://127.0.0.1:18989/tv/ping"]);
  assert.equal(d.verdict, "healthy");
  assert.equal(d.config.url_base, "/tv");
  assert.ok(!JSON.stringify(d).includes("k3y-secret"));
});

Deno.test("diagnose() uses the port from the config file to find the binding (SABnzbd on 8080)", async () => {
  const { p, asked } = probes(
    { "/srv/sab/sabnzbd.ini": "[misc]\nport = 8080\nurl_base = /sabnzbd\napi_key = abc\n" },
    { status: 200, body: '{"version": "4.5.1"}' },
  );
  const d = await diagnose({
    details: details({
      name: "sab",
      mounts: [{ source: "/srv/sab", destination: "/config/", readOnly: false }],
      ports: ["18080->8080/tcp"],
    }),
    service: SAB,
    serverUid: 1000,
    timeoutMs: 500,
  }, p);
  assert.equal(asked[1], "GET http://127.0.0.1:18080/sabnzbd/api?mode=version&output=json");
  assert.equal(d.verdict, "healthy");
});

Deno.test("diagnose() counts 403 from qBittorrent as up (its API needs a session)", async () => {
  const { p } = probes({}, { status: 403, body: "Forbidden" });
  const d = await diagnose({
    details: details({ name: "qbt", ports: ["127.0.0.1:18080->8080/tcp"], mounts: [] }),
    service: QBT,
    serverUid: 1000,
    timeoutMs: 500,
  }, p);
  const health = d.checks.find((c) => c.name === "health")!;
  assert.equal(health.status, "ok");
  assert.match(health.summary, /needs credentials/);
  assert.equal(d.checks.find((c) => c.name === "config_dir")?.status, "skip");
  assert.equal(d.verdict, "healthy");
});

Deno.test("diagnose() marks an unpublished port as skipped, not failed", async () => {
  const { p, asked } = probes({}, { status: 200, body: "" });
  const d = await diagnose({
    details: details({ ports: ["8989/tcp"] }),
    service: SONARR,
    serverUid: 1000,
    timeoutMs: 500,
  }, p);
  assert.deepEqual(asked, []);
  assert.equal(d.checks.find((c) => c.name === "port")?.status, "skip");
  assert.match(d.checks.find((c) => c.name === "port")!.summary, /not published/);
  assert.equal(d.verdict, "degraded", "config.xml missing is a warning");
});

Deno.test("diagnose() reports an unreachable health endpoint and a foreign owner", async () => {
  const { p } = probes({ "/srv/sonarr/config.xml": "<Config><Port>8989</Port></Config>" }, {
    error: "no answer within 500 ms",
  });
  const d = await diagnose({
    details: details({ restartCount: 7 }),
    service: SONARR,
    serverUid: 0,
    timeoutMs: 500,
  }, p);
  assert.equal(d.checks[0]?.status, "warn");
  assert.match(d.checks[1]!.summary, /owned by uid 1000, not the server's uid 0/);
  assert.equal(d.checks[3]?.status, "fail");
  assert.equal(d.verdict, "down");
});

Deno.test("verdictOf() is down on a failed container, port or health check and degraded on warnings", () => {
  const c = (
    name: "container" | "config_dir" | "port" | "health",
    status: "ok" | "warn" | "fail" | "skip",
  ) => ({
    name,
    status,
    summary: "",
    details: {},
  });
  assert.equal(
    verdictOf([c("container", "ok"), c("config_dir", "ok"), c("port", "ok"), c("health", "ok")]),
    "healthy",
  );
  assert.equal(
    verdictOf([c("container", "ok"), c("config_dir", "fail"), c("port", "ok"), c("health", "ok")]),
    "degraded",
  );
  assert.equal(
    verdictOf([c("container", "ok"), c("config_dir", "ok"), c("port", "skip"), c("health", "skip")]),
    "healthy",
  );
  assert.equal(
    verdictOf([c("container", "fail"), c("config_dir", "ok"), c("port", "skip"), c("health", "skip")]),
    "down",
  );
});

Deno.test("parsePortBinding() and hostAddressFor() read runtime port texts", () => {
  assert.deepEqual(parsePortBinding("127.0.0.1:8989->8989/tcp"), {
    hostIp: "127.0.0.1",
    hostPort: 8989,
    containerPort: 8989,
    protocol: "tcp",
  });
  assert.deepEqual(parsePortBinding("[::]:80->8080/tcp")?.hostIp, "::");
  assert.equal(parsePortBinding("8989/tcp"), null);
  assert.deepEqual(hostAddressFor(["0.0.0.0:9000->8989/tcp"], 8989), { host: "127.0.0.1", port: 9000 });
  assert.deepEqual(hostAddressFor(["[::]:9000->8989/tcp"], 8989), { host: "::1", port: 9000 });
  assert.equal(hostAddressFor(["9000->8989/udp"], 8989), null);
  assert.equal(hostAddressFor(["127.0.0.1:9000->80/tcp"], 8989), null);
});
