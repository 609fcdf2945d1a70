import assert from "node:assert/strict";
import { ok } from "../../../../shared/result.ts";
import type { HelperClient } from "../../../../mcp/clients/helper/helper_client.ts";
import { withProblems } from "../../../../mcp/dashboard/problems.ts";
import { type ApiStatus, collectStatus } from "../../../../mcp/dashboard/status.ts";
import { overviewPage } from "../../../../templates/overview_page.ts";
import { dashboardDeps } from "./fixtures.ts";

/** arr-helper on Debian 12: Podman 4.3.1, podman-compose 1.0.3, no quadlet generator. */
const bookwormHelper: HelperClient = {
  socket: "/fake/arr-helper.sock",
  call: () =>
    Promise.resolve(ok({
      ok: true,
      exit_code: 0,
      output: JSON.stringify({
        helper_version: "0.1.0",
        podman: "4.3.1",
        podman_compose: "1.0.3",
        quadlet: null,
        stacks_dir: "/opt/stacks",
        quadlet_dir: "/home/media/.config/containers/systemd",
      }),
    })),
};

Deno.test("the status and the helper card say quadlets need Podman 4.4 on a host without a generator", async () => {
  const base = await dashboardDeps([]);
  try {
    const status = await collectStatus({ ...base, helper: bookwormHelper });
    assert.equal(status.helper.podman, "4.3.1");
    assert.equal(status.helper.quadlet, null);
    assert.match(
      status.helper.quadlet_off_reason ?? "",
      /^Quadlets need Podman 4\.4 or later; this host has Podman 4\.3\.1/,
    );
    const page = overviewPage(withProblems(asOverview(status)));
    assert.match(page, /Quadlets need Podman 4\.4 or later; this host has Podman 4\.3\.1/);
    assert.match(page, /podman-compose<\/dt>\s*<dd>1\.0\.3/);

    const fine = await collectStatus(base);
    assert.equal(fine.helper.quadlet_off_reason, null);
    assert.doesNotMatch(overviewPage(withProblems(asOverview(fine))), /Quadlets need/);
  } finally {
    await Deno.remove(base.dataDir, { recursive: true });
  }
});

/** The overview's view of a status: no container here has an error line or a published port. */
function asOverview(status: ApiStatus) {
  return {
    ...status,
    containers: status.containers.map((c) => ({ ...c, error_line: null, port_links: [] })),
  };
}
