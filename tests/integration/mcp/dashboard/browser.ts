/**
 * Debian's Chromium (/usr/bin/chromium) driven by playwright-core, with the flags this machine needs (no
 * sandbox as root, no background networking) and a fresh profile per run. Every request the browser makes is
 * recorded so tests can check that pages only talk to the server's own origin.
 */
import { type BrowserContext, chromium } from "playwright-core";

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
