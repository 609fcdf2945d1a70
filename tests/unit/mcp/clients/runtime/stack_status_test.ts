import assert from "node:assert/strict";
import type { ContainerSummary } from "../../../../../mcp/clients/runtime/client.ts";
import { splitStackOutput, stackContainers } from "../../../../../mcp/clients/runtime/stack_status.ts";
import { checkStackName } from "../../../../../mcp/fs/stack_name.ts";

function c(name: string, state: string, project: string | null): ContainerSummary {
  return {
    id: name,
    name,
    image: "i",
    imageId: "",
    state,
    status: "",
    created: "",
    labels: {},
    composeProject: project,
    ports: [],
  };
}

Deno.test("stackContainers() derives running, partial, stopped and unknown from compose labels", () => {
  const all = [
    c("media_b_1", "running", "media"),
    c("media_a_1", "exited", "media"),
    c("other_1", "running", "other"),
  ];
  assert.deepEqual(stackContainers("media", all), {
    state: "partial",
    running: 1,
    containers: [{ name: "media_a_1", state: "exited" }, { name: "media_b_1", state: "running" }],
  });
  assert.equal(stackContainers("other", all).state, "running");
  assert.equal(stackContainers("none", all).state, "stopped");
  assert.equal(stackContainers("media", undefined).state, "unknown");
});

Deno.test("splitStackOutput() separates podman-compose's text from the helper's status line", () => {
  const status = {
    stack: "media",
    containers: [{ name: "media_web_1", service: "web", state: "running" }],
    missing_services: [],
  };
  const r = splitStackOutput(`created\nstarted\n--- status ---\n${JSON.stringify(status)}\n`);
  assert.deepEqual(r, { text: "created\nstarted", status });
  assert.deepEqual(splitStackOutput("no trailer"), { text: "no trailer", status: null });
  assert.equal(splitStackOutput("x\n--- status ---\n{bad").status, null);
});

Deno.test("checkStackName() accepts folder names and refuses paths and options", () => {
  assert.deepEqual(checkStackName("media_2-x"), { ok: true, value: "media_2-x" });
  for (const bad of ["../etc", "-rf", "a/b", "", "x".repeat(129), "a b"]) {
    assert.equal(checkStackName(bad).ok, false, bad);
  }
});
