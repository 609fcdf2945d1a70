/**
 * The stack page with the real arr-helper (started as it ships) answering quadlet_list, over real HTTP:
 * only the stack's own quadlet units are listed, and the overview shows the helper as available.
 */
import assert from "node:assert/strict";
import { TOOL_FAMILIES } from "../../../../mcp/server/families.ts";
import { testbed, uniqueName } from "../../../testbed/testbed.ts";
import { helperDirs, startHelper } from "../../helper/helper_process.ts";
import { serveArrMcp } from "../../_support/harness.ts";

Deno.test("dashboard stack page lists the stack's quadlet units from the real arr-helper", async () => {
  const tb = testbed();
  await using dirs = await helperDirs();
  const stack = uniqueName("dashq");
  await Deno.mkdir(dirs.quadletDir, { recursive: true });
  await Deno.writeTextFile(`${dirs.quadletDir}/${stack}-web.container`, `[Container]\nImage=${tb.image}\n`);
  await Deno.writeTextFile(`${dirs.quadletDir}/${stack}.network`, "[Network]\n");
  await Deno.writeTextFile(`${dirs.quadletDir}/unrelated.container`, `[Container]\nImage=${tb.image}\n`);
  await Deno.mkdir(`${dirs.stacksDir}/${stack}`);
  await Deno.writeTextFile(
    `${dirs.stacksDir}/${stack}/compose.yaml`,
    `services:\n  web:\n    image: ${tb.image}\n`,
  );
  await using helper = await startHelper(dirs);
  // The overview gives arr-helper 3 s; on a loaded machine its first info (podman-compose and quadlet versions)
  // can take longer. Ask once here, as the helper's own start does, so the page reads the cached answer.
  assert.equal((await helper.command("info")).status, 200);
  const served = await serveArrMcp({
    env: {
      ARR_RUNTIME_SOCKET: tb.podmanSocket,
      ARR_HELPER_SOCKET: helper.socket,
      ARR_STACKS_DIR: dirs.stacksDir,
      ARR_MEDIA_DIR: dirs.root,
    },
    families: TOOL_FAMILIES,
  });
  try {
    const signIn = await fetch(`${served.origin}/?key=${encodeURIComponent(served.key)}`, {
      redirect: "manual",
    });
    await signIn.body?.cancel();
    assert.equal(signIn.status, 303);
    const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0]!;

    const page = await fetch(`${served.origin}/stacks/${stack}`, { headers: { cookie } });
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, new RegExp(`<th scope="row" data-label="File">${stack}-web\\.container</th>`));
    assert.match(html, new RegExp(`<th scope="row" data-label="File">${stack}\\.network</th>`));
    assert.equal(html.includes("unrelated.container"), false);

    const overview = await fetch(`${served.origin}/`, { headers: { cookie } });
    const text = await overview.text();
    assert.match(text, /<h2>arr-helper<\/h2>\s*<dl>/);
    assert.doesNotMatch(text, /arr-helper unavailable/);
  } finally {
    await served.close();
  }
});
