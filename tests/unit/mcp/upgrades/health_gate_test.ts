import assert from "node:assert/strict";
import { gateVerdict, waitForGate } from "../../../../mcp/upgrades/apply/health_gate.ts";
import type { ContainerObservation } from "../../../../mcp/upgrades/apply/podman_images.ts";
import { ok } from "../../../../shared/result.ts";

const T0 = Date.parse("2026-12-01T10:00:00Z");
const seen = (over: Partial<ContainerObservation> = {}): ContainerObservation => ({
  id: "c",
  imageId: "new",
  state: "running",
  running: true,
  startedAt: "2026-12-01T10:00:00Z",
  health: null,
  ...over,
});
const rule = { imageId: "new", gateS: 60 };

Deno.test("gateVerdict() by table", () => {
  const cases: Array<[string, ContainerObservation | null, number, string]> = [
    ["no container yet", null, 0, "wait"],
    ["another image", seen({ imageId: "old" }), 120, "fail"],
    ["exited", seen({ running: false, state: "exited" }), 120, "fail"],
    ["created, not started", seen({ running: false, state: "created" }), 0, "wait"],
    ["healthy", seen({ health: "healthy" }), 1, "pass"],
    ["unhealthy", seen({ health: "unhealthy" }), 1, "fail"],
    ["health check starting", seen({ health: "starting" }), 300, "wait"],
    ["no health check, 59 s up", seen(), 59, "wait"],
    ["no health check, 60 s up", seen(), 60, "pass"],
    ["no health check, start time unknown", seen({ startedAt: null }), 600, "wait"],
  ];
  for (const [what, observation, upS, kind] of cases) {
    assert.equal(gateVerdict(observation, rule, T0 + upS * 1000).kind, kind, what);
  }
});

Deno.test("waitForGate() polls with the injected clock until pass, fail or the deadline", async () => {
  let now = T0;
  const io = (next: () => ContainerObservation | null) => ({
    observe: () => Promise.resolve(ok(next())),
    now: () => now,
    sleep: (ms: number) => {
      now += ms;
      return Promise.resolve();
    },
  });
  const passed = await waitForGate(io(() => seen()), { imageId: "new", gateS: 5 });
  assert.deepEqual(passed, { ok: true, value: "it has run for 5 s (no health check)" });

  now = T0;
  let polls = 0;
  const failed = await waitForGate(
    io(() => (++polls < 3 ? seen({ health: "starting" }) : seen({ health: "unhealthy" }))),
    rule,
  );
  assert.deepEqual([failed, polls], [{ ok: false, error: "its health check fails" }, 3]);

  now = T0;
  const late = await waitForGate(io(() => seen({ health: "starting" })), rule, { deadlineS: 10 });
  assert.deepEqual(late, { ok: false, error: "not ready after 10 s: its health check is starting" });
});
