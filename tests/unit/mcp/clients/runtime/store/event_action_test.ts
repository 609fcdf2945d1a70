import assert from "node:assert/strict";
import { eventAction } from "../../../../../../mcp/clients/runtime/store/event_action.ts";

const FIXTURE = new URL("../../../../../fixtures/podman_4.3.1/events.ndjson", import.meta.url);

Deno.test("eventAction() reads every recorded Podman 4.3.1 event line", async () => {
  const lines = (await Deno.readTextFile(FIXTURE)).trim().split("\n").map((l) => JSON.parse(l));
  const kinds = lines.map((raw) => {
    const a = eventAction(raw);
    return a.kind === "health" ? `${a.action}:${a.kind}:${a.status}` : `${a.action}:${a.kind}`;
  });
  assert.deepEqual(kinds, [
    "create:refresh",
    "pull:ignore",
    "init:refresh",
    "start:refresh",
    "health_status:inspect",
    "exec_died:ignore",
    "exec:ignore",
    "exec_died:ignore",
    "health_status:inspect",
    "exec_died:ignore",
    "pause:refresh",
    "unpause:refresh",
    "stop:refresh",
    "died:refresh",
    "cleanup:refresh",
    "cleanup:refresh",
    "init:refresh",
    "start:refresh",
    "kill:refresh",
    "create:refresh",
    "pull:ignore",
    "rename:refresh",
    "init:refresh",
    "start:refresh",
    "died:refresh",
    "remove:remove",
  ]);
  const first = eventAction(lines[0]);
  assert.equal(
    first.kind === "refresh" && first.id,
    "f3564d7d182ac5a5d72001f7a4fac8a495ea758fb14f5693d98c0c6edddb11f1",
  );
});

Deno.test("eventAction() understands Docker's actions: details after a colon, destroy for removal", () => {
  const docker = (Action: string) => ({ Type: "container", Action, Actor: { ID: "abc", Attributes: {} } });
  assert.deepEqual(eventAction(docker("health_status: healthy")), {
    kind: "health",
    id: "abc",
    status: "healthy",
    action: "health_status",
  });
  assert.deepEqual(eventAction(docker("exec_start: sh -c true")), { kind: "ignore", action: "exec_start" });
  assert.deepEqual(eventAction(docker("destroy")), { kind: "remove", id: "abc", action: "destroy" });
  assert.deepEqual(eventAction(docker("die")), { kind: "refresh", id: "abc", action: "die" });
});

Deno.test("eventAction() refreshes unknown actions, re-lists id-less ones, inspects on Podman health, ignores other types", () => {
  assert.deepEqual(eventAction({ Type: "container", Action: "checkpoint", id: "x" }), {
    kind: "refresh",
    id: "x",
    action: "checkpoint",
  });
  assert.deepEqual(eventAction({ Type: "container", Action: "start" }), { kind: "resync", action: "start" });
  assert.deepEqual(eventAction({ Type: "network", Action: "connect", Actor: { ID: "n" } }), {
    kind: "ignore",
    action: "connect",
  });
  assert.deepEqual(
    eventAction({ Type: "container", Action: "health_status", id: "x", HealthStatus: "healthy" }),
    {
      kind: "inspect",
      id: "x",
      action: "health_status",
    },
  );
  assert.deepEqual(eventAction({}), { kind: "ignore", action: "" });
});
