/**
 * compose_to_quadlet's verdict comes from arr-helper's quadlet_validate (the real helper as it ships, the real
 * quadlet 5.4.2 generator on the "host"), and says why when no generator could run.
 */
import assert from "node:assert/strict";
import { MCP_CORE_FAMILIES } from "../../../../mcp/server/core_families.ts";
import { localGenerator, quadletConvertFamily } from "../../../../mcp/quadlets/convert/convert_tools.ts";
import { testbed } from "../../../testbed/testbed.ts";
import { helperDirs, startHelper } from "../../helper/helper_process.ts";
import { serveArrMcp } from "../../_support/harness.ts";

const COMPOSE = "services:\n  web:\n    image: docker.io/library/nginx:1\n    networks: [front]\n" +
  "networks:\n  front: {}\n";

Deno.test("compose_to_quadlet validates through arr-helper's generator, beside the installed units", async () => {
  await using dirs = await helperDirs();
  await Deno.mkdir(dirs.quadletDir);
  // Only the host's generator sees installed units: its complaint about this one shows where the verdict came
  // from (and, being about an installed unit, does not fail the staged set).
  await Deno.writeTextFile(`${dirs.quadletDir}/legacy.container`, "[Container]\nExec=true\n");
  await using _helper = await startHelper(dirs);
  await Deno.mkdir(`${dirs.stacksDir}/site`);
  await Deno.writeTextFile(`${dirs.stacksDir}/site/compose.yaml`, COMPOSE);
  let localRuns = 0;
  const served = await serveArrMcp({
    env: { ARR_HELPER_SOCKET: dirs.socket, ARR_STACKS_DIR: dirs.stacksDir },
    families: [
      ...MCP_CORE_FAMILIES,
      quadletConvertFamily({ validate: () => Promise.resolve({ not_run: `local run ${++localRuns}` }) }),
    ],
  });
  try {
    const out = await served.call("compose_to_quadlet", { stack: "site" });
    assert.equal(out.isError, undefined, JSON.stringify(out.structuredContent));
    const validation = out.structuredContent.validation;
    assert.deepEqual(validation, {
      validated_by: "arr-helper",
      generator: "quadlet 5.4.2",
      ok: true,
      messages: [
        "Accepted by the quadlet generator: site-web.container, site-front.network",
        'converting "legacy.container": no Image or Rootfs key specified',
      ],
    });
    assert.equal(localRuns, 0);
  } finally {
    await served.close();
  }
});

Deno.test("compose_to_quadlet reports not validated, with both reasons, when arr-helper has no generator and arr-mcp may not run one", async () => {
  const tb = testbed();
  await using dirs = await helperDirs();
  await using _helper = await startHelper(dirs, {
    ARR_QUADLET_GENERATOR: "",
    PATH: `${dirs.binDir}:/usr/local/bin:/usr/bin:/bin`,
  });
  await Deno.mkdir(`${dirs.stacksDir}/site`);
  await Deno.writeTextFile(`${dirs.stacksDir}/site/compose.yaml`, COMPOSE);
  const asked: string[] = [];
  const served = await serveArrMcp({
    env: { ARR_HELPER_SOCKET: dirs.socket, ARR_STACKS_DIR: dirs.stacksDir },
    families: [
      ...MCP_CORE_FAMILIES,
      quadletConvertFamily({
        validate: localGenerator([tb.quadletBin], { mayRun: (path) => (asked.push(path), false) }),
      }),
    ],
  });
  try {
    const out = await served.call("compose_to_quadlet", { stack: "site" });
    assert.equal(out.isError, undefined, JSON.stringify(out.structuredContent));
    assert.equal(out.structuredContent.host.quadlet, null);
    assert.deepEqual(out.structuredContent.validation, {
      validated_by: null,
      generator: null,
      ok: null,
      messages: [
        "Not validated: arr-helper has no quadlet generator on its host and arr-mcp may not start programs " +
        `(no --allow-run for ${tb.quadletBin}); quadlet_install validates each unit through arr-helper ` +
        "before writing",
      ],
    });
    assert.deepEqual(asked, [tb.quadletBin]);
  } finally {
    await served.close();
  }
});
