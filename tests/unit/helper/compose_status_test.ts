import assert from "node:assert/strict";
import { allServices, defaultServices, judgeStack, parsePsJson } from "../../../helper/compose_status.ts";

// Shape as printed by `podman-compose ps --format json` (podman 4.3.1), trimmed to the fields read.
const PS = JSON.stringify([
  { Names: ["s_web_1"], State: "running", Labels: { "com.docker.compose.service": "web" }, Id: "a" },
  { Names: ["s_db_1"], State: "exited", Labels: { "com.docker.compose.service": "db" }, Id: "b" },
]);

Deno.test("parsePsJson() reads name, service and state of each container", () => {
  assert.deepEqual(parsePsJson(PS), {
    ok: true,
    value: [{ id: "a", name: "s_web_1", service: "web", state: "running" }, {
      id: "b",
      name: "s_db_1",
      service: "db",
      state: "exited",
    }],
  });
  assert.deepEqual(parsePsJson(""), { ok: true, value: [] });
  assert.deepEqual(parsePsJson("[]\n"), { ok: true, value: [] });
});

Deno.test("parsePsJson() fails with a message on output that is not a JSON array", () => {
  const notJson = parsePsJson("Error: no such project");
  assert.equal(notJson.ok, false);
  if (!notJson.ok) assert.match(notJson.error, /^Cannot parse podman ps output: /);
  assert.deepEqual(parsePsJson("{}"), {
    ok: false,
    error: "Cannot parse podman ps output: expected a JSON array",
  });
});

Deno.test("allServices() lists every service, profiles or not, sorted", () => {
  const yaml = "services:\n  web: {image: x}\n  debug:\n    image: x\n    profiles: [dev]\n";
  assert.deepEqual(allServices(yaml), ["debug", "web"]);
  assert.deepEqual(allServices("services: ["), []);
});

Deno.test("defaultServices() lists services without profiles, sorted", () => {
  const yaml =
    "services:\n  web: {image: x}\n  debug:\n    image: x\n    profiles: [dev]\n  db: {image: y}\n";
  assert.deepEqual(defaultServices(yaml), ["db", "web"]);
  assert.deepEqual(defaultServices("services: ["), []);
  assert.deepEqual(defaultServices("just text"), []);
});

Deno.test("judgeStack() wants every default service running after up", () => {
  const running = [{ name: "s_web_1", service: "web", state: "running" }];
  assert.equal(judgeStack("s", "running", ["web"], running).ok, true);
  const missing = judgeStack("s", "running", ["web", "db"], running);
  assert.equal(missing.ok, false);
  assert.deepEqual(missing.status.missing_services, ["db"]);
  const exited = [...running, { name: "s_db_1", service: "db", state: "exited" }];
  assert.equal(judgeStack("s", "running", ["web", "db"], exited).ok, false);
  assert.equal(judgeStack("s", "running", [], []).ok, false);
});

Deno.test("judgeStack() wants no container left after down", () => {
  assert.deepEqual(judgeStack("s", "absent", ["web"], []), {
    ok: true,
    status: { stack: "s", containers: [], missing_services: [] },
  });
  assert.equal(
    judgeStack("s", "absent", [], [{ name: "s_web_1", service: "web", state: "exited" }]).ok,
    false,
  );
});
