/// <reference lib="dom" />
/**
 * The MCP App view (the ui:// resource) in real Chromium inside a sandboxed iframe, with a minimal host page
 * speaking the MCP Apps postMessage protocol: ui/initialize → initialized → tool-result carrying a real
 * dashboard_show result (real Podman over real Streamable HTTP). The view must render the containers, mark
 * the problem, follow the host theme and report its size.
 */
import assert from "node:assert/strict";
import { DASHBOARD_RESOURCE_URI } from "../../../../mcp/dashboard/dashboard_tool.ts";
import { TOOL_FAMILIES } from "../../../../mcp/server/families.ts";
import { podman, removeContainers, testbed, uniqueName } from "../../../testbed/testbed.ts";
import { serveArrMcp } from "../../_support/harness.ts";
import { launchChromium, SCREENSHOTS } from "./browser.ts";
import { freeLoopbackPort } from "../../_support/free_port.ts";

Deno.test("MCP App view renders a real dashboard_show result inside a sandboxed host iframe", async () => {
  const tb = testbed();
  const up = uniqueName("dashview");
  const never = uniqueName("dashview");
  const served = await serveArrMcp({ env: { ARR_RUNTIME_SOCKET: tb.podmanSocket }, families: TOOL_FAMILIES });
  const browser = await launchChromium();
  try {
    const hostPort = freeLoopbackPort();
    await podman(
      "run",
      "-d",
      "--name",
      up,
      "-p",
      `127.0.0.1:${hostPort}:8080`,
      tb.image,
      "busybox",
      "httpd",
      "-f",
      "-p",
      "8080",
    );
    await podman("create", "--name", never, tb.image, "true");
    // The store live, as in production: CPU and memory then come from the shared sample, with its time.
    const store = served.deps.containerStore;
    assert.ok(store, "bootstrap creates a store for a runtime socket");
    store.start();
    assert.equal(await store.waitFor((v) => v.get(up)?.details != null, 30_000), true, "the store read it");
    const client = await served.client();
    const read = await client.readResource({ uri: DASHBOARD_RESOURCE_URI });
    const viewHtml = (read.contents[0] as { text: string }).text;
    const result = await served.call("dashboard_show");
    assert.equal(result.isError, undefined);

    const page = await browser.context.newPage();
    await page.setContent(
      '<!doctype html><iframe id="app" sandbox="allow-scripts" width="1000" height="800"></iframe>',
    );
    await page.evaluate(({ html, toolResult }) => {
      const frame = document.getElementById("app") as HTMLIFrameElement;
      const seen: string[] = [];
      (globalThis as unknown as { seen: string[] }).seen = seen;
      globalThis.addEventListener("message", (e: MessageEvent) => {
        if (e.source !== frame.contentWindow) return;
        const m = e.data as { id?: number; method?: string };
        seen.push(m.method ?? "response");
        const reply = (msg: unknown) => frame.contentWindow!.postMessage(msg, "*");
        if (m.method === "ui/initialize") {
          reply({
            jsonrpc: "2.0",
            id: m.id,
            result: {
              protocolVersion: "2026-01-26",
              hostInfo: { name: "test-host", version: "1.0.0" },
              hostCapabilities: {},
              hostContext: { theme: "dark" },
            },
          });
        } else if (m.method === "ui/notifications/initialized") {
          reply({ jsonrpc: "2.0", method: "ui/notifications/tool-result", params: toolResult });
        }
      });
      frame.srcdoc = html;
    }, { html: viewHtml, toolResult: result });

    const view = page.frameLocator("#app");
    const upRow = view.locator("tr", { has: view.locator(`td:text-is("${up}")`) });
    const neverRow = view.locator("tr", { has: view.locator(`td:text-is("${never}")`) });
    await upRow.waitFor({ timeout: 10_000 });
    assert.equal(await upRow.locator(".badge").textContent(), "running");
    assert.equal(await upRow.locator(".port").textContent(), `127.0.0.1:${hostPort}→8080`);
    // The image wraps only after its separators: every part is one unbreakable span.
    assert.deepEqual(
      await upRow.locator("td.image .seg").allTextContents(),
      tb.image.match(/[^/:@]+[/:@]?/g),
    );
    assert.equal(await upRow.locator("td.image wbr").count(), tb.image.match(/[/:@]/g)!.length);
    assert.doesNotMatch(await upRow.getAttribute("class") ?? "", /problem/);
    assert.equal(await neverRow.locator(".badge").textContent(), "never started");
    assert.match(await neverRow.getAttribute("class") ?? "", /\bproblem\b/);
    assert.match(
      await view.locator(".summary").textContent() ?? "",
      new RegExp(`Container ${never}: never started`),
    );
    assert.match(
      await view.locator("p", { hasText: "CPU and memory sampled" }).textContent() ?? "",
      /^CPU and memory sampled \d{4}-\d\d-\d\dT[\d:.]+Z, every 60 s$/,
    );
    assert.equal(await view.locator("html").getAttribute("data-theme"), "dark");
    const seen = await page.evaluate(() => (globalThis as unknown as { seen: string[] }).seen);
    assert.deepEqual(seen.slice(0, 2), ["ui/initialize", "ui/notifications/initialized"]);
    assert.ok(seen.includes("ui/notifications/size-changed"));
    assert.equal(await view.locator("#refresh").isHidden(), true, "no Refresh without host serverTools");
    await Deno.mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: new URL("mcp-app-dark.png", SCREENSHOTS).pathname });
    assert.deepEqual(browser.requests.filter((u) => !u.startsWith("about:") && !u.startsWith("data:")), []);
  } finally {
    await browser.close();
    await removeContainers(up, never);
    await served.close();
  }
});
