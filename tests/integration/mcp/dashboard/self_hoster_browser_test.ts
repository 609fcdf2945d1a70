/// <reference lib="dom" />
/**
 * The dashboard a self-hoster keeps open, in real Chromium against the real app and real Podman: 13 testbed
 * containers in two stacks, one web server published on all interfaces, one on 127.0.0.1 only, one that
 * exited with an error, images with a long `lscr.io/linuxserver/…` name. A second instance of the app answers
 * as `nas.test` (Chromium resolves it to 127.0.0.1) to be a viewer on another host. Screenshots go to
 * /tmp/arr-dash-screens/.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { createMediaServices } from "../../../../mcp/clients/media/media_services.ts";
import { createApp } from "../../../../mcp/server/app.ts";
import { TOOL_FAMILIES } from "../../../../mcp/server/families.ts";
import { podman, removeContainers, testbed, uniqueName } from "../../../testbed/testbed.ts";
import { freeLoopbackPort } from "../../_support/free_port.ts";
import { serveLoopback } from "../../_support/loopback_server.ts";
import { runContainer } from "../../_support/run_container.ts";
import { serveArrMcp } from "../../_support/harness.ts";
import { axeViolations, launchChromium } from "./browser.ts";

const SCREENS = "/tmp/arr-dash-screens";
const PHONE = { width: 390, height: 844 };
/** 13 containers on a 390×844 phone fit in this many screens (issue 19 measured ~5.5 before). */
const PHONE_SCREENS_MAX = 2.5;

async function shoot(page: Page, name: string) {
  await Deno.mkdir(SCREENS, { recursive: true });
  await page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage: true });
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every `.seg` of every image name lies on one line box; answers how many image names wrap at all. */
async function imageWrapFacts(page: Page) {
  // The live-update script reloads the page when another test's container changes state: measure a document
  // whose stylesheet is applied.
  await page.waitForFunction(() => {
    const seg = document.querySelector(".image-name .seg");
    return document.readyState === "complete" && seg !== null &&
      getComputedStyle(seg).whiteSpace === "nowrap";
  });
  return await page.evaluate(() => {
    const split: string[] = [];
    let wrapped = 0;
    for (const name of Array.from(document.querySelectorAll(".image-name"))) {
      if ((name as HTMLElement).offsetParent === null) continue; // hidden (compact phone rows)
      for (const seg of Array.from(name.querySelectorAll(".seg"))) {
        const range = document.createRange();
        range.selectNodeContents(seg.firstChild!);
        const rects = Array.from(range.getClientRects(), (r) => `${Math.round(r.left)},${Math.round(r.top)}`);
        if (rects.length !== 1) split.push(`${seg.textContent} [${rects.join(" ")}]`);
      }
      const tops = new Set(
        Array.from(name.querySelectorAll(".seg"), (s) => Math.round(s.getBoundingClientRect().top)),
      );
      if (tops.size > 1) wrapped++;
    }
    return { split, wrapped };
  });
}

Deno.test("the dashboard a self-hoster keeps open: ports, wrapping, exit reasons, phone, search, sort, live logs", async (t) => {
  const tb = testbed();
  const prefix = uniqueName("ux");
  const longImage = `lscr.io/linuxserver/${prefix}-sonarr-nightly:version-4.0.10.2544-ls259`;
  const wildPort = freeLoopbackPort();
  const loopPort = freeLoopbackPort();
  const stacks = [`${prefix}-media`, `${prefix}-dl`];
  const web = `${prefix}-media-web`;
  const admin = `${prefix}-media-admin`;
  const broken = `${prefix}-media-broken`;
  const logger = `${prefix}-dl-logger`;
  const others = Array.from({ length: 9 }, (_, i) => `${prefix}-${i % 2 ? "media" : "dl"}-svc${i}`);
  const names = [web, admin, broken, logger, ...others];
  const project = (name: string) => ({
    "io.podman.compose.project": stacks[name.startsWith(`${prefix}-dl`) ? 1 : 0]!,
    "io.podman.compose.service": name.slice(prefix.length + 1),
  });
  await podman("tag", tb.image, longImage);
  const served = await serveArrMcp({
    env: { ARR_RUNTIME_SOCKET: tb.podmanSocket, ARR_MEDIA_DIR: "/tmp" },
    families: TOOL_FAMILIES,
  });
  // The same app answering as nas.test: a viewer on another machine.
  const remote = serveLoopback();
  const remoteHost = `nas.test:${remote.port}`;
  remote.handle(
    createApp({
      ...served.deps,
      config: { ...served.deps.config, allowedHosts: [remoteHost], allowedOrigins: [`http://${remoteHost}`] },
      media: await createMediaServices({
        env: { ARR_MCP_SECRET: "s".repeat(32) },
        dataDir: served.dataDir,
        stacksDir: `${served.dataDir}/stacks`,
        runtime: undefined,
        fetch: (input, init) => fetch(input, init),
      }),
    }, { apiKey: served.key, families: TOOL_FAMILIES, logError: () => {} }).fetch,
  );
  const browser = await launchChromium({
    timezoneId: "America/New_York",
    args: ["--host-resolver-rules=MAP nas.test 127.0.0.1"],
  });
  try {
    const httpd = ["busybox", "httpd", "-f", "-p", "8080"];
    await runContainer(web, {
      image: longImage,
      labels: project(web),
      command: httpd,
      publish: [`${wildPort}:8080`],
    });
    await runContainer(admin, {
      image: tb.image,
      labels: project(admin),
      command: httpd,
      publish: [`127.0.0.1:${loopPort}:8080`],
    });
    await runContainer(broken, {
      image: longImage,
      labels: project(broken),
      command: [
        "sh",
        "-c",
        "echo starting; echo 'Error: cannot open /config/app.db: permission denied' >&2; exit 3",
      ],
    });
    await runContainer(logger, { image: tb.image, labels: project(logger), command: ["sleep", "600"] });
    for (const n of others) {
      await runContainer(n, { image: tb.image, labels: project(n), command: ["sleep", "600"] });
    }
    await podman("wait", broken);
    for (const s of stacks) {
      await Deno.mkdir(`${served.dataDir}/stacks/${s}`, { recursive: true });
      await Deno.writeTextFile(
        `${served.dataDir}/stacks/${s}/compose.yaml`,
        `services:\n  web:\n    image: ${tb.image}\n`,
      );
    }
    const base = served.origin;
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    const row = (name: string) => page.locator("tr[data-id]", { has: page.locator(`a:text-is("${name}")`) });

    await t.step("port links use the page's host; a 127.0.0.1 port is linked on loopback", async () => {
      assert.equal((await page.goto(`${base}/?key=${encodeURIComponent(served.key)}`))?.status(), 200);
      assert.equal(await row(web).locator("a.port").getAttribute("href"), `http://127.0.0.1:${wildPort}/`);
      assert.equal(await row(admin).locator("a.port").getAttribute("href"), `http://127.0.0.1:${loopPort}/`);
      await page.goto(`http://localhost:${served.deps.config.port}/?key=${encodeURIComponent(served.key)}`);
      assert.equal(await row(web).locator("a.port").getAttribute("href"), `http://localhost:${wildPort}/`);
      // The link opens the container's web server (busybox httpd answers, here 404 for a missing index).
      const res = await fetch(`http://127.0.0.1:${wildPort}/`);
      await res.body?.cancel();
      assert.ok(res.status === 200 || res.status === 404, `httpd answered ${res.status}`);
    });

    const remotePage = await browser.context.newPage();
    await t.step("seen from another host, the loopback-only port is shown without a link", async () => {
      const res = await remotePage.goto(`http://${remoteHost}/?key=${encodeURIComponent(served.key)}`);
      assert.equal(res?.status(), 200);
      const r = (name: string) =>
        remotePage.locator("tr[data-id]", { has: remotePage.locator(`a:text-is("${name}")`) });
      assert.equal(await r(web).locator("a.port").getAttribute("href"), `http://nas.test:${wildPort}/`);
      assert.equal(await r(admin).locator("a.port").count(), 0);
      assert.equal(await r(admin).locator(".port-nolink").textContent(), `127.0.0.1:${loopPort}→8080`);
    });

    await t.step("the Services page with nothing configured says what to set", async () => {
      await remotePage.goto(`http://${remoteHost}/services`);
      await shoot(remotePage, "services-nothing-configured-light-desktop");
      const summary = await remotePage.locator('[data-field="problems"]').textContent() ?? "";
      assert.match(summary, /No media service is configured yet/);
      assert.doesNotMatch(summary, /All good/);
      assert.match(
        await remotePage.locator('tr[data-service="sonarr"]').textContent() ?? "",
        /SONARR_URL[\s\S]*SONARR_API_KEY/,
      );
      assert.deepEqual(await axeViolations(remotePage), []);
      await remotePage.close();
    });

    await t.step("the problem list says exited (3), when, and the error line", async () => {
      await page.goto(`${base}/`);
      const problems = await page.locator('[data-field="problems"]').textContent() ?? "";
      assert.match(
        problems,
        new RegExp(
          `Container ${broken}: exited \\(3\\) (\\d+[smh] )+ago: Error: cannot open /config/app\\.db`,
        ),
      );
      assert.match(await row(broken).locator(".last-run").textContent() ?? "", /exit 3/);
    });

    await t.step("times show in local time with UTC on hover", async () => {
      const time = page.locator('time[data-field="generated_at"]');
      const iso = await time.getAttribute("datetime") ?? "";
      const utc = `${iso.slice(0, 19).replace("T", " ")} UTC`;
      assert.equal(await time.getAttribute("title"), utc);
      const shown = await time.textContent() ?? "";
      assert.notEqual(shown, utc);
      const localHour = new Date(Date.parse(iso) - 5 * 3600_000).getUTCHours() % 12 || 12; // New York, EST
      assert.match(shown, new RegExp(`\\b0?${localHour}:${iso.slice(14, 16)}`), shown);
    });

    await t.step("search filters the rows; sort orders them by name both ways", async () => {
      const visible = () =>
        page.evaluate(() =>
          Array.from(document.querySelectorAll<HTMLElement>("#containers tbody tr"))
            .filter((r) => !r.hidden).map((r) => r.querySelector("th a")?.textContent ?? "")
        );
      await page.fill("#container-search", web);
      assert.deepEqual(await visible(), [web]);
      await page.fill("#container-search", `${prefix} media`);
      assert.equal((await visible()).length, 7, "media: web, admin, broken and four services");
      await page.fill("#container-search", prefix);
      assert.equal((await visible()).length, 13);
      await page.click('th[data-sort-key="name"] button');
      const asc = await visible();
      assert.deepEqual(asc, [...names].sort((a, b) => a.localeCompare(b)));
      assert.equal(await page.getAttribute('th[data-sort-key="name"]', "aria-sort"), "ascending");
      await page.click('th[data-sort-key="name"] button');
      assert.deepEqual(await visible(), [...asc].reverse());
      await page.click('th[data-sort-key="name"] button');
      assert.equal((await visible())[0], broken, "third click: the server's order, problems first");
      assert.deepEqual(await axeViolations(page), []);
      await shoot(page, "overview-light-desktop");
      await page.emulateMedia({ colorScheme: "dark" });
      assert.deepEqual(await axeViolations(page), []);
      await shoot(page, "overview-dark-desktop");
      await page.emulateMedia({ colorScheme: "light" });
    });

    await t.step("image names wrap only at / and : (desktop and phone)", async () => {
      const desktop = await imageWrapFacts(page);
      assert.deepEqual(desktop.split, []);
      await page.setViewportSize(PHONE);
      const phone = await imageWrapFacts(page);
      assert.deepEqual(phone.split, [], "no part of an image name is split across lines");
      assert.ok(
        phone.wrapped >= 1,
        "the long name does wrap on a phone (so the check above means something)",
      );
    });

    await t.step(`13 containers fit in ${PHONE_SCREENS_MAX} phone screens`, async () => {
      await page.setViewportSize(PHONE);
      // Only this test's rows and problems: other tests' containers share the testbed.
      await page.evaluate((mine: string) => {
        document.querySelectorAll<HTMLElement>('[data-field="problems"] li').forEach((li) => {
          if (!li.textContent?.includes(mine)) li.remove();
        });
      }, prefix);
      for (const scheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await shoot(page, `overview-${scheme}-phone`);
      }
      await page.emulateMedia({ colorScheme: "light" });
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      assert.ok(height <= PHONE_SCREENS_MAX * PHONE.height, `phone overview is ${height}px`);
      const healthy = await row(`${prefix}-dl-svc0`).boundingBox();
      assert.ok(
        healthy !== null && healthy.height <= 64,
        `a healthy row is ${healthy?.height}px (two lines)`,
      );
      console.log(
        `phone overview: ${height}px = ${
          (height / PHONE.height).toFixed(2)
        } screens; healthy row ${healthy?.height}px`,
      );
      for (const scheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await shoot(page, `overview-${scheme}-phone`);
      }
      await page.emulateMedia({ colorScheme: "light" });
      await page.setViewportSize({ width: 1280, height: 900 });
    });

    await t.step("a stopped container shows its last run; a running one its stats in one row", async () => {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${base}/containers/${broken}`);
      const last = await page.locator("#last-run").textContent() ?? "";
      assert.match(last, /Exit code\s*3/);
      assert.match(last, /Error: cannot open \/config\/app\.db: permission denied/);
      assert.equal(await page.locator("text=Not running.").count(), 0);
      assert.deepEqual(await axeViolations(page), []);
      await shoot(page, "container-stopped-light-desktop");
      await page.goto(`${base}/containers/${web}`);
      await shoot(page, "container-running-light-desktop");
      const tops = await page.evaluate(() =>
        Array.from(document.querySelectorAll("#stats dd"), (d) => Math.round(d.getBoundingClientRect().top))
      );
      assert.equal(tops.length, 5);
      assert.equal(new Set(tops).size, 1, `stats tiles on one row: ${tops.join(",")}`);
    });

    await t.step(
      "the live log shows a line printed after the page opened, and closes with the page",
      async () => {
        // Leaving a container page closes its stream: the other page goes back to the overview first.
        await page.goto(`${base}/`);
        await until(
          "the earlier container page's stream closed",
          () => served.deps.logFollower?.openStreams() === 0,
        );
        const logPage = await browser.context.newPage();
        await logPage.setViewportSize({ width: 1280, height: 900 });
        await logPage.goto(`${base}/containers/${logger}`);
        await logPage.waitForFunction(() => document.getElementById("log-state")?.textContent === "live");
        assert.ok((served.deps.logFollower?.openStreams() ?? 0) >= 1, "a Podman log stream is open");
        const marker = `marker-${crypto.randomUUID().slice(0, 8)}`;
        await podman("exec", logger, "sh", "-c", `echo '${marker} password=hunter2' > /proc/1/fd/1`);
        await podman("exec", logger, "sh", "-c", `echo '${marker} on stderr' > /proc/1/fd/2`);
        await logPage.waitForFunction(
          (m: string) => (document.getElementById("log-view")?.textContent ?? "").includes(`${m} on stderr`),
          marker,
        );
        const text = await logPage.locator("#log-view").textContent() ?? "";
        assert.match(text, new RegExp(`${marker} password=\\[REDACTED\\]`));
        assert.equal(text.includes("hunter2"), false);
        await logPage.selectOption("#log-stream", "stderr");
        const shown = await logPage.evaluate(() =>
          Array.from(document.querySelectorAll<HTMLElement>("#log-view .log-line"))
            .filter((l) => l.offsetParent !== null).map((l) => l.textContent ?? "")
        );
        assert.ok(shown.length >= 1 && shown.every((l) => l.includes("on stderr")), shown.join("|"));
        await logPage.selectOption("#log-stream", "all");
        await logPage.fill("#log-search", `${marker} password`);
        assert.equal(await logPage.locator("#log-view .log-line:visible").count(), 1);
        await logPage.fill("#log-search", "");
        await logPage.click("#log-pause");
        await podman("exec", logger, "sh", "-c", `echo '${marker} while paused' > /proc/1/fd/1`);
        await logPage.waitForFunction(() =>
          /paused · 1 new line/.test(document.getElementById("log-state")?.textContent ?? "")
        );
        assert.equal(
          (await logPage.locator("#log-view").textContent() ?? "").includes("while paused"),
          false,
        );
        await logPage.click("#log-pause");
        assert.match(await logPage.locator("#log-view").textContent() ?? "", /while paused/);
        assert.match(
          await logPage.locator("#log-view .log-time").first().getAttribute("datetime") ?? "",
          /^\d{4}-/,
        );
        assert.deepEqual(await axeViolations(logPage), []);
        await logPage.emulateMedia({ colorScheme: "dark" });
        await shoot(logPage, "container-live-log-dark-desktop");
        await logPage.close();
        await until(
          "the Podman log stream closes with the page",
          () => served.deps.logFollower?.openStreams() === 0,
        );
      },
    );

    await t.step("every request stayed on the app's own origins", () => {
      const foreign = browser.requests.filter((u) =>
        !u.startsWith(`${base}/`) && !u.startsWith(`http://localhost:${served.deps.config.port}/`) &&
        !u.startsWith(`http://${remoteHost}/`)
      );
      assert.deepEqual(foreign, []);
      assert.ok(browser.requests.some((u) => u === `${base}/containers/${logger}/logs/stream`));
    });
  } finally {
    await browser.close();
    await removeContainers(...names);
    await podman("rmi", longImage).catch(() => {});
    await remote.shutdown();
    await served.close();
  }
});
