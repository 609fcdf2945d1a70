import assert from "node:assert/strict";
import { judgeRecreated } from "../../../helper/service_recreate.ts";

const c = (id: string, service: string, state = "running") => ({
  id,
  name: `s_${service}_${id}`,
  service,
  state,
});

Deno.test("judgeRecreated() wants every container of the service running and none of them an old one", () => {
  const cases: Array<[string, string[], ReturnType<typeof c>[], boolean]> = [
    ["a new running container", ["old"], [c("new", "web"), c("w", "worker")], true],
    ["the old container still there", ["old"], [c("old", "web")], false],
    ["the new one exited", ["old"], [c("new", "web", "exited")], false],
    ["no container for the service", ["old"], [c("w", "worker")], false],
    ["first creation (nothing removed)", [], [c("new", "web")], true],
    ["another service down does not count", ["old"], [c("new", "web"), c("w", "worker", "exited")], true],
  ];
  for (const [what, removed, containers, expected] of cases) {
    const verdict = judgeRecreated("s", "web", removed, containers);
    assert.equal(verdict.ok, expected, what);
    assert.deepEqual(verdict.status.missing_services, expected ? [] : ["web"], what);
  }
});
