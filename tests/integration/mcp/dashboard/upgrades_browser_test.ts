/// <reference lib="dom" />
/**
 * The upgrades panel in real Chromium: the real app on loopback, real Podman containers running images pulled
 * from a real registry (Debian's docker-registry) whose tags then move on. Before any check the page says so
 * calmly and a page load starts none; after upgrades_list the overview lists the upgrades worst risk first and
 * the container page has its line; axe-core stays clean.
 */
import assert from "node:assert/strict";
import { podman, removeContainers, testbed, uniqueName } from "../../../testbed/testbed.ts";
import { serveArrMcp } from "../../_support/harness.ts";
import { registerUpgradeTools, upgradeServiceOf } from "../../../../mcp/upgrades/upgrade_tools.ts";
import { imageWithNewLayer, pushAs, startLocalRegistry } from "../upgrades/registry_process.ts";
import { axeViolations, launchChromium, SCREENSHOTS } from "./browser.ts";

Deno.test("upgrades panel in Chromium: calm before a check, then real upgrades worst risk first", async (t) => {
  const tb = testbed();
  await using registry = await startLocalRegistry();
  const repo = `arr/${uniqueName("upgdash")}`;
  const name = `${registry.host}/${repo}`;
  await pushAs(tb.image, registry.host, repo, "1.0.0");
  await pushAs(tb.image, registry.host, repo, "latest");
  await podman("pull", "--tls-verify=false", "-q", `${name}:1.0.0`);
  await podman("pull", "--tls-verify=false", "-q", `${name}:latest`);
  const major = uniqueName("upgdash-major");
  const floating = uniqueName("upgdash-latest");
  const newer = await imageWithNewLayer(tb.image, uniqueName("upgdash-layer"), "two");
  const served = await serveArrMcp({
    env: { ARR_RUNTIME_SOCKET: tb.podmanSocket, ARR_REGISTRY_INSECURE: registry.host },
    families: [registerUpgradeTools],
  });
  const browser = await launchChromium();
  try {
    // A log line: an empty log view trips axe's aria-prohibited-attr (the <pre> has aria-label, no role), a
    // finding of the container page itself, not of this panel.
    await podman("run", "-d", "--name", major, `${name}:1.0.0`, "sh", "-c", "echo started; sleep 600");
    await podman(
      "run",
      "-d",
      "--name",
      floating,
      "--label",
      "io.podman.compose.project=upgdash",
      "--label",
      "com.docker.compose.service=app",
      `${name}:latest`,
      "sh",
      "-c",
      "echo started; sleep 600",
    );
    const base = served.origin;
    const page = await browser.context.newPage();
    // Without the live-update script: other test runs on this Podman add containers, and its reload on a
    // changed container set would race these steps. The panel is rendered by the server either way.
    await page.route("**/assets/dashboard.js", (route) => route.abort());
    await page.goto(`${base}/?key=${encodeURIComponent(served.key)}`);

    await t.step("before any check: a calm note, and loading the page starts no check", async () => {
      const panel = page.locator('[data-field="upgrades"]');
      assert.match(await panel.textContent() ?? "", /no check has run yet/);
      assert.equal(await panel.locator(".badge-bad, table").count(), 0);
      await page.goto(`${base}/containers/${major}`);
      assert.match(
        await page.locator("dd", { hasText: "not checked yet" }).textContent() ?? "",
        /not checked/,
      );
      assert.equal(upgradeServiceOf(served.deps).latest(), null, "no page load ran a check");
    });

    await pushAs(newer, registry.host, repo, "2.0.0");
    await pushAs(newer, registry.host, repo, "latest");
    const listed = await served.call("upgrades_list", { refresh: true });
    assert.equal(listed.isError, undefined, JSON.stringify(listed.content));

    await t.step(
      "after upgrades_list: the major (high) before the moved latest (low), with the tools",
      async () => {
        await page.goto(`${base}/`);
        const panel = page.locator('[data-field="upgrades"]');
        const mine = await panel.locator("tr[data-upgrade]").evaluateAll(
          (rows, names) =>
            rows.map((r) => r.getAttribute("data-upgrade")).filter((n) => names.includes(n ?? "")),
          [
            major,
            floating,
          ],
        );
        assert.deepEqual(mine, [major, floating]);
        const majorRow = panel.locator(`tr[data-upgrade="${major}"]`);
        assert.match(await majorRow.textContent() ?? "", /1\.0\.0\s*→\s*2\.0\.0/);
        assert.equal(await majorRow.locator('[data-field="risk"]').textContent(), "high");
        assert.match(await majorRow.locator('[data-field="risk"]').getAttribute("class") ?? "", /badge-bad/);
        const latestRow = panel.locator(`tr[data-upgrade="${floating}"]`);
        assert.match(await latestRow.textContent() ?? "", /digest/);
        assert.match(await latestRow.textContent() ?? "", /compose/);
        assert.equal(await latestRow.locator('[data-field="risk"]').textContent(), "low");
        assert.match(await panel.textContent() ?? "", /upgrade_plan[\s\S]*upgrade_apply/);
        assert.match(await panel.locator("time").getAttribute("datetime") ?? "", /^\d{4}-\d\d-\d\dT/);
        assert.deepEqual(await axeViolations(page), []);
        await page.emulateMedia({ colorScheme: "dark" });
        assert.deepEqual(await axeViolations(page), []);
        await Deno.mkdir(SCREENSHOTS, { recursive: true });
        await panel.screenshot({ path: new URL("upgrades-panel-dark.png", SCREENSHOTS).pathname });
        await page.emulateMedia({ colorScheme: "light" });
      },
    );

    await t.step("the container page has its upgrade line and stays clean under axe", async () => {
      await page.goto(`${base}/containers/${major}`);
      const line = page.locator('[data-field="upgrade"]');
      assert.match(await line.textContent() ?? "", /1\.0\.0\s*→\s*2\.0\.0 · major · high risk/);
      assert.deepEqual(await axeViolations(page), []);
    });

    await t.step("every request went to the server's own origin", () => {
      assert.deepEqual(browser.requests.filter((u) => !u.startsWith(`${base}/`)), []);
    });
  } finally {
    await browser.close();
    await served.close();
    await removeContainers(major, floating);
    await podman("rmi", "-f", `${name}:1.0.0`, `${name}:2.0.0`, `${name}:latest`, newer).catch(() => "");
  }
});
