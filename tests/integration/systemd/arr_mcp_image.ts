/**
 * Builds systemd/Containerfile the way a build host without npm access does (the Containerfile's own comment):
 * a Deno npm cache made for deno.lock is put into the context as `.deno-cache/`, then
 * `podman build --pull=never --network=none`, rootless, on the base image the testbed made in the account's
 * storage (tests/testbed/deno_base_image.sh).
 */
import { sha256Hex } from "../../../shared/encoding.ts";
import { testbed } from "../../testbed/testbed.ts";
import type { RootlessAccount } from "./rootless_podman.ts";

export const REPO = new URL("../../../", import.meta.url).pathname;
const CONTEXT_CACHE = `${REPO}.deno-cache`;

async function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<void> {
  const out = await new Deno.Command(cmd, { args, env, cwd: REPO, stdout: "piped", stderr: "piped" })
    .output();
  if (!out.success) {
    const dec = new TextDecoder();
    throw new Error(`${cmd} ${args.join(" ")} failed:\n${dec.decode(out.stdout)}${dec.decode(out.stderr)}`);
  }
}

/** The parts of a DENO_DIR the image build needs: npm packages, and esbuild's binary (`dl/`) for the bundle. */
const CACHE_PARTS = ["npm", "dl"] as const;

/**
 * The Deno cache for this deno.lock, made once on the host (which reaches npm) and kept in the testbed folder
 * under the lock's hash; answers its folder, holding CACHE_PARTS. `deno bundle` fetches esbuild on first use,
 * so the probe bundle puts it there and the image's `deno task bundle` runs offline.
 */
async function denoCacheForLock(): Promise<string> {
  const tbDir = `${testbed().binDir}/..`;
  const lock = await Deno.readTextFile(`${REPO}deno.lock`);
  const dir = `${tbDir}/image-npm-cache/${sha256Hex(`${lock}\nnpm and esbuild`).slice(0, 16)}`;
  const ready = await Deno.stat(`${dir}/dl`).then(() => true, () => false);
  if (!ready) {
    const staging = `${dir}.${crypto.randomUUID().slice(0, 8)}`;
    await run(Deno.execPath(), ["cache", "--frozen", "mcp/main.ts"], { DENO_DIR: staging });
    const probe = `${staging}/bundle-probe.js`;
    await run(Deno.execPath(), ["bundle", "--quiet", "--platform=deno", "mcp/main.ts", "-o", probe], {
      DENO_DIR: staging,
    });
    await Deno.mkdir(dir, { recursive: true });
    // `dl` last: its presence says the folder is complete. A parallel run that got there first is as good.
    for (const part of CACHE_PARTS) {
      await Deno.rename(`${staging}/${part}`, `${dir}/${part}`).catch(async (e) => {
        if (!(await Deno.stat(`${dir}/${part}`).then(() => true, () => false))) throw e;
      });
    }
    await Deno.remove(staging, { recursive: true });
  }
  return dir;
}

/**
 * Builds the image as `tag` in the account's storage; the prepared `.deno-cache/` is in the context only during
 * the build (the account reads the repository as any other user does).
 */
export async function buildImage(account: RootlessAccount, tag: string): Promise<void> {
  const cache = await denoCacheForLock();
  await Deno.remove(CONTEXT_CACHE, { recursive: true }).catch(() => {});
  try {
    await Deno.mkdir(CONTEXT_CACHE);
    for (const part of CACHE_PARTS) await run("cp", ["-a", `${cache}/${part}`, `${CONTEXT_CACHE}/${part}`]);
    await account.podman(
      [
        "build",
        "--pull=never",
        "--network=none",
        "--layers=false",
        "-f",
        "systemd/Containerfile",
        "-t",
        tag,
        ".",
      ],
      REPO,
    );
  } finally {
    await Deno.remove(CONTEXT_CACHE, { recursive: true }).catch(() => {});
  }
}

/** The image's size as Podman reports it, in bytes. */
export async function imageSize(account: RootlessAccount, tag: string): Promise<number> {
  return Number(await account.podman(["image", "inspect", "--format", "{{.Size}}", tag]));
}
