import assert from "node:assert/strict";
import { parseHelperInfo } from "../../../../../mcp/clients/helper/helper_info.ts";

const INFO = {
  helper_version: "0.1.0",
  podman: "5.4.2",
  podman_compose: "1.3.0",
  quadlet: null,
  stacks_dir: "/opt/stacks",
  quadlet_dir: "/home/arr/.config/containers/systemd",
};

Deno.test("parseHelperInfo() reads arr-helper's info output", () => {
  assert.deepEqual(parseHelperInfo(JSON.stringify(INFO)), { ok: true, value: INFO });
});

Deno.test("parseHelperInfo() names non-JSON output", () => {
  assert.deepEqual(parseHelperInfo("podman 5.4.2"), {
    ok: false,
    error: "arr-helper answered info with non-JSON output",
  });
});

Deno.test("parseHelperInfo() names JSON in another shape", () => {
  assert.deepEqual(parseHelperInfo(JSON.stringify({ ...INFO, helper_version: 1 })), {
    ok: false,
    error: "arr-helper answered info in an unexpected shape",
  });
});
