/// <reference lib="dom" />
/**
 * The dashboard in real Chromium against the real app on Deno.serve (loopback, port 0) with real Podman
 * containers from the testbed: sign-in flow, cookie flags, states and problem marking, live update, no foreign
 * requests, axe-core accessibility, screenshots under .test-out/screenshots/ for review.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { SESSION_COOKIE } from "../../../../mcp/dashboard/session.ts";
import { TOOL_FAMILIES } from "../../../../mcp/server/families.ts";
import { podman, removeContainers, testbed, uniqueName } from "../../../testbed/testbed.ts";
import { runContainer } from "../../_support/run_container.ts";
import { serveArrMcp } from "../../_support/harness.ts";
import { axeViolations, launchChromium, SCREENSHOTS } from "./browser.ts";

async function shoot(page: Page, name: string) {
  await Deno.mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: new URL(`${name}.png`, SCREENSHOTS).pathname, fullPage: true });
}

Deno.test("dashboard overview in Chromium shows real containers, marks the stopped one and stays same-origin", async (t) => {
  const tb = testbed();
  const stack = uniqueName("dash");
  const running = `${stack}-web`;
  const stopped = `${stack}-worker`;
  const served = await serveArrMcp({
    env: { ARR_RUNTIME_SOCKET: tb.podmanSocket, ARR_MEDIA_DIR: "/tmp" },
    families: TOOL_FAMILIES,
  });
  const browser = await launchChromium();
  try {
    const project = "io.podman.compose.project";
    await runContainer(running, {
      image: tb.image,
      labels: { [project]: stack, "io.podman.compose.service": "web" },
      command: ["busybox", "httpd", "-f", "-p", "8080"],
    });
    await runContainer(stopped, {
      image: tb.image,
      labels: { [project]: stack, "io.podman.compose.service": "worker" },
      command: ["sh", "-c", "echo 'worker done password=hunter2'; exit 3"],
    });
    await podman("wait", stopped);
    // conmon drains a container's output after it exits: under load `wait` can return before the line is in
    // the log the page reads.
    for (let i = 0; i < 100 && !(await podman("logs", stopped)).includes("worker done"); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await Deno.mkdir(`${served.dataDir}/stacks/${stack}`, { recursive: true });
    await Deno.writeTextFile(
      `${served.dataDir}/stacks/${stack}/compose.yaml`,
      `services:\n  web:\n    image: ${tb.image}\n    environment:\n      API_KEY: s3cr3t\n  worker:\n    image: ${tb.image}\n`,
    );
    const base = served.origin;
    const page = await browser.context.newPage();

    await t.step("a missing or wrong key gets the 401 page and no cookie", async () => {
      const missing = await page.goto(`${base}/`);
      assert.equal(missing?.status(), 401);
      assert.match(await page.textContent("h1") ?? "", /Sign in/);
      assert.deepEqual(await axeViolations(page), []);
      await shoot(page, "signin-light-desktop");
      const wrong = await page.goto(`${base}/?key=not-the-key-0123456789`);
      assert.equal(wrong?.status(), 401);
      assert.equal((await page.content()).includes("not-the-key"), false);
      assert.deepEqual(await browser.context.cookies(), []);
    });

    await t.step("?key= ends on a URL without the key, with an HttpOnly SameSite=Strict cookie", async () => {
      const res = await page.goto(`${base}/?key=${encodeURIComponent(served.key)}`);
      assert.equal(res?.status(), 200);
      assert.equal(page.url(), `${base}/`);
      const cookies = await browser.context.cookies();
      assert.equal(cookies.length, 1);
      assert.equal(cookies[0]?.name, SESSION_COOKIE);
      assert.equal(cookies[0]?.httpOnly, true);
      assert.equal(cookies[0]?.sameSite, "Strict");
      assert.equal(cookies[0]?.value.includes(served.key), false);
      assert.equal(await page.evaluate(() => document.cookie), "", "the cookie is invisible to scripts");
    });

    await t.step(
      "the overview lists both containers with their states; the stopped one is a problem",
      async () => {
        const runRow = page.locator("tr[data-id]", { has: page.locator(`a:text-is("${running}")`) });
        const stopRow = page.locator("tr[data-id]", { has: page.locator(`a:text-is("${stopped}")`) });
        assert.equal(await runRow.count(), 1);
        assert.equal(await stopRow.count(), 1);
        assert.equal(await runRow.locator('[data-field="state"]').textContent(), "running");
        assert.match(await runRow.locator('[data-field="state"]').getAttribute("class") ?? "", /badge-ok/);
        assert.doesNotMatch(await runRow.getAttribute("class") ?? "", /problem/);
        assert.equal(await stopRow.locator('[data-field="state"]').textContent(), "exited");
        assert.match(await stopRow.getAttribute("class") ?? "", /\bproblem\b/);
        assert.match(await stopRow.locator('[data-field="state"]').getAttribute("class") ?? "", /badge-bad/);
        assert.match(await runRow.locator('[data-field="uptime"]').textContent() ?? "", /^\d+[smhd]/);
        const stackRow = page.locator(`tr[data-stack="${stack}"]`);
        assert.equal(await stackRow.locator('[data-field="state"]').textContent(), "partial");
        assert.match(
          await page.locator('[data-field="problems"]').textContent() ?? "",
          new RegExp(`Container ${stopped}: exited`),
        );
        assert.match(await page.locator(".card", { hasText: "Runtime" }).textContent() ?? "", /Podman 4\./);
      },
    );

    await t.step("axe-core finds no serious or critical violations (light and dark)", async () => {
      assert.deepEqual(await axeViolations(page), []);
      await page.emulateMedia({ colorScheme: "dark" });
      assert.deepEqual(await axeViolations(page), []);
      await page.emulateMedia({ colorScheme: "light" });
    });

    await t.step("screenshots: light and dark, desktop and phone", async () => {
      for (const [width, height, size] of [[1280, 900, "desktop"], [390, 844, "phone"]] as const) {
        await page.setViewportSize({ width, height });
        for (const scheme of ["light", "dark"] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          await shoot(page, `overview-${scheme}-${size}`);
        }
      }
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.emulateMedia({ colorScheme: "light" });
      if (await page.evaluate(() => document.documentElement.scrollWidth > 1280)) {
        throw new Error("The desktop overview scrolls horizontally");
      }
    });

    await t.step(
      "live update: the script reads /api/status with the cookie and reloads when a container stops",
      async () => {
        // Stop it behind the page's back: the next poll sees a state that differs from the rendered rows.
        await podman("stop", "-t", "0", running);
        const status = page.waitForResponse((r) => r.url() === `${base}/api/status`);
        const reloaded = page.waitForEvent("load");
        await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
        assert.equal((await status).status(), 200);
        await reloaded;
        const runRow = page.locator("tr[data-id]", { has: page.locator(`a:text-is("${running}")`) });
        assert.match(await runRow.getAttribute("class") ?? "", /\bproblem\b/);
        assert.equal(
          await page.locator(`tr[data-stack="${stack}"] [data-field="state"]`).textContent(),
          "stopped",
        );
      },
    );

    await t.step("stack and container pages render, redacted, and pass axe", async () => {
      await page.goto(`${base}/stacks/${stack}`);
      assert.match(await page.locator("pre.yaml").textContent() ?? "", /API_KEY: \[REDACTED\]/);
      assert.equal((await page.content()).includes("s3cr3t"), false);
      assert.deepEqual(await axeViolations(page), []);
      await shoot(page, "stack-light-desktop");
      await page.goto(`${base}/containers/${stopped}`);
      assert.match(await page.locator("pre.logs").textContent() ?? "", /worker done password=\[REDACTED\]/);
      assert.equal((await page.content()).includes("hunter2"), false);
      assert.deepEqual(await axeViolations(page), []);
      await page.emulateMedia({ colorScheme: "dark" });
      await shoot(page, "container-dark-desktop");
    });

    await t.step("every request went to the server's own origin", () => {
      assert.ok(browser.requests.length >= 8);
      const foreign = browser.requests.filter((u) => !u.startsWith(`${base}/`));
      assert.deepEqual(foreign, []);
      assert.ok(browser.requests.includes(`${base}/assets/dashboard.css`));
      assert.ok(browser.requests.includes(`${base}/assets/dashboard.js`));
      assert.equal(browser.requests.includes(`${base}/favicon.ico`), false);
    });
  } finally {
    await browser.close();
    await removeContainers(running, stopped);
    await served.close();
  }
});
