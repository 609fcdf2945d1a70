/**
 * Debian's Chromium (/usr/bin/chromium) driven by playwright-core, with the flags this machine needs (no
 * sandbox as root, no background networking) and a fresh profile per run. Every request the browser makes is
 * recorded so tests can check that pages only talk to the server's own origin.
 */
import axe from "axe-core";
import { type BrowserContext, chromium, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

export interface Browser {
  context: BrowserContext;
  /** Every URL requested, in order. */
  requests: string[];
  close(): Promise<void>;
}

export interface LaunchOptions {
  colorScheme?: "light" | "dark";
  /** e.g. `America/New_York`, to see local times differ from UTC. @default the machine's */
  timezoneId?: string;
  /** Extra Chromium flags, e.g. `--host-resolver-rules=MAP nas.test 127.0.0.1`. @default [] */
  args?: readonly string[];
}

export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  try {
    await Deno.stat(CHROMIUM);
  } catch {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: run tests/testbed/setup.sh (apt-get install chromium)`,
    );
  }
  const profile = await Deno.makeTempDir({ prefix: "arr-dash-chromium-" });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    colorScheme: options.colorScheme ?? "light",
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...(options.args ?? []),
    ],
  });
  const requests: string[] = [];
  context.on("request", (r) => void requests.push(r.url()));
  return {
    context,
    requests,
    async close() {
      await context.close();
      await Deno.remove(profile, { recursive: true }).catch(() => {});
    },
  };
}

/** Where the dashboard tests leave their screenshots (reviewed by hand; not compared). */
export const SCREENSHOTS = new URL("../../../../.test-out/screenshots/", import.meta.url);

/** The ids of the serious and critical axe-core violations on the page as it is now. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated over the DevTools protocol, so the page's CSP (script-src 'self') does not block it.
  await page.evaluate(
    (source: string) => void (0, eval)(source),
    (axe as unknown as { source: string }).source,
  );
  const result = await page.evaluate(() =>
    (globalThis as unknown as {
      axe: { run(): Promise<{ violations: Array<{ id: string; impact: string }> }> };
    }).axe.run()
  );
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
}
