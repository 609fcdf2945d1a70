/**
 * Test data for dashboard unit tests: a runtime client answering from fixed container data (the Podman API
 * itself is exercised in tests/integration/mcp/dashboard), app/deps builders, and an ApiStatus generator.
 */
import { err, ok } from "../../../../shared/result.ts";
import { createApp } from "../../../../mcp/server/app.ts";
import type {
  ContainerStats,
  ContainerSummary,
  LogLine,
  RuntimeClient,
  RuntimeError,
} from "../../../../mcp/clients/runtime/client.ts";
import type { ContainerDetails } from "../../../../shared/container_details.ts";
import type { ApiStatus } from "../../../../mcp/dashboard/status.ts";
import type { ToolDeps } from "../../../../mcp/toolkit/deps.ts";
import { TOOL_FAMILIES } from "../../../../mcp/server/families.ts";
import { testConfig, testDeps } from "../_support/test_deps.ts";

export const API_KEY = "dash-test-key-0123456789abcdef";
export const HOST = { host: "127.0.0.1:8484" };

export interface FakeContainer {
  summary: ContainerSummary;
  details: ContainerDetails;
  stats?: ContainerStats;
  logs?: LogLine[];
}

export function fakeContainer(
  name: string,
  state: string,
  overrides: Partial<ContainerDetails> = {},
): FakeContainer {
  const id = `${name.replace(/[^a-z0-9]/gi, "").padEnd(12, "0")}${"a".repeat(52)}`.slice(0, 64);
  const project = overrides.labels?.["io.podman.compose.project"] ?? null;
  return {
    summary: {
      id,
      name,
      image: "localhost/busybox:test",
      imageId: "",
      state,
      status: "",
      created: "2026-11-22T03:00:00.000Z",
      labels: overrides.labels ?? {},
      composeProject: project,
      ports: [],
    },
    details: {
      id,
      name,
      image: "localhost/busybox:test",
      state,
      running: state === "running",
      startedAt: "2026-11-22T03:00:00.000Z",
      finishedAt: state === "running" ? null : "2026-11-22T03:30:00.000Z",
      exitCode: state === "running" ? null : 1,
      restartCount: 0,
      restartPolicy: "no",
      command: ["busybox", "httpd"],
      envNames: ["PATH"],
      mounts: [],
      ports: [],
      labels: {},
      healthStatus: null,
      ...overrides,
    },
    stats: state === "running"
      ? {
        name,
        cpuPercent: 1.5,
        memUsageBytes: 10 * 1024 * 1024,
        memLimitBytes: 0,
        memPercent: 0,
        netInputBytes: 0,
        netOutputBytes: 0,
        blockInputBytes: 0,
        blockOutputBytes: 0,
        pids: 1,
      }
      : undefined,
    logs: [{ stream: "stdout", text: `started ${name}` }],
  } as FakeContainer;
}

export function fakeRuntime(containers: readonly FakeContainer[]): RuntimeClient & { infoCalls: number } {
  const find = (n: string) => containers.find((c) => c.summary.id === n || c.summary.name === n);
  const notFound = (n: string) =>
    err<RuntimeError>({ kind: "not_found", message: `No such container "${n}"` });
  const unsupported = () => Promise.resolve(err<RuntimeError>({ kind: "http", message: "not in this fake" }));
  const runtime = {
    socket: "/fake/podman.sock",
    infoCalls: 0,
    info() {
      runtime.infoCalls++;
      return Promise.resolve(
        ok({ kind: "podman" as const, version: "4.3.1", apiVersion: "4.3.1", rootless: false }),
      );
    },
    list: () => Promise.resolve(ok(containers.map((c) => c.summary))),
    inspect: (n: string) => {
      const c = find(n);
      return Promise.resolve(c ? ok(c.details) : notFound(n));
    },
    stats: (n: string) => {
      const c = find(n);
      if (!c) return Promise.resolve(notFound(n));
      if (!c.stats) return Promise.resolve(err<RuntimeError>({ kind: "conflict", message: "not running" }));
      return Promise.resolve(ok(c.stats));
    },
    logs: (n: string) => {
      const c = find(n);
      return Promise.resolve(c ? ok(c.logs ?? []) : notFound(n));
    },
    start: unsupported,
    stop: unsupported,
    restart: unsupported,
    remove: unsupported,
    events: unsupported,
  };
  return runtime;
}

export async function dashboardDeps(
  containers: readonly FakeContainer[],
  config: Parameters<typeof testConfig>[0] = {},
): Promise<ToolDeps & { dataDir: string }> {
  const dataDir = await Deno.makeTempDir({ prefix: "arr-dash-" });
  const deps = testDeps({
    runtime: fakeRuntime(containers),
    config: testConfig({
      apiKey: API_KEY,
      dataDir,
      stacksDir: `${dataDir}/stacks`,
      mediaDir: dataDir,
      ...config,
    }),
  });
  return Object.assign(deps, { dataDir });
}

export function dashboardApp(deps: ToolDeps) {
  return createApp(deps, { apiKey: API_KEY, families: TOOL_FAMILIES, logError: () => {} });
}

/** Signs in with `?key=` and returns the session cookie pair (`name=value`). */
export async function signIn(app: ReturnType<typeof dashboardApp>): Promise<string> {
  const res = await app.request(`/?key=${API_KEY}`, { headers: HOST });
  const set = res.headers.get("set-cookie");
  if (res.status !== 303 || set === null) throw new Error(`Cannot sign in: HTTP ${res.status}`);
  return set.split(";")[0] ?? "";
}

/** An ApiStatus with `n` containers spread over `stacks` stacks; every 7th container is exited. */
export function sampleStatus(n: number, stacks: number): ApiStatus {
  const containers: ApiStatus["containers"] = Array.from({ length: n }, (_, i) => {
    const state = i % 7 === 3 ? "exited" : "running";
    const project = `stack${i % stacks}`;
    return {
      id: i.toString(16).padStart(64, "0"),
      name: `${project}-service${i}`,
      image: `lscr.io/linuxserver/app${i % 12}:latest`,
      state,
      status: "",
      created: "2026-11-20T10:00:00.000Z",
      compose_project: project,
      ports: [`0.0.0.0:${8000 + i}->80/tcp`],
      health: i % 5 === 0 ? "healthy" : null,
      started_at: "2026-11-21T10:00:00.000Z",
      restart_count: i % 11,
      cpu_percent: state === "running" ? (i * 1.7) % 100 : null,
      memory_bytes: state === "running" ? i * 13_000_000 : null,
      memory_limit_bytes: null,
      problem: state === "exited" ? "exited" : null,
      exit_code: state === "exited" ? 1 : null,
      finished_at: state === "exited" ? "2026-11-22T03:55:00.000Z" : null,
    };
  });
  return {
    schema: 1,
    arr_mcp: { version: "0.1.0", read_only: false, generated_at: "2026-11-22T04:00:00.000Z" },
    runtime: {
      available: true,
      socket: "/run/podman/podman.sock",
      kind: "podman",
      version: "4.3.1",
      api_version: "4.3.1",
      rootless: true,
      error: null,
    },
    containers,
    stacks: Array.from({ length: stacks }, (_, s) => {
      const mine = containers.filter((c) => c.compose_project === `stack${s}`);
      const running = mine.filter((c) => c.state === "running").length;
      return {
        name: `stack${s}`,
        compose_file: `/opt/stacks/stack${s}/compose.yaml`,
        state: running === mine.length ? "running" as const : "partial" as const,
        running,
        containers: mine.map((c) => ({ name: c.name, state: c.state })),
        problem: running === mine.length ? null : `${running} of ${mine.length} containers running`,
      };
    }),
    stacks_error: null,
    disks: [
      {
        label: "stacks",
        path: "/opt/stacks",
        total_bytes: 100e9,
        used_bytes: 40e9,
        available_bytes: 60e9,
        used_percent: 40,
        error: null,
      },
      {
        label: "media",
        path: "/media-server",
        total_bytes: 8e12,
        used_bytes: 7.5e12,
        available_bytes: 0.5e12,
        used_percent: 93.8,
        error: null,
      },
    ],
    helper: {
      available: true,
      socket: "/run/user/1000/arr-helper/arr-helper.sock",
      version: "0.1.0",
      podman: "5.4.2",
      podman_compose: "1.3.0",
      quadlet: "5.4.2",
      quadlet_off_reason: null,
      error: null,
    },
    store: null,
    stats_sample: null,
    alerts: { available: false, open: [] },
  };
}
