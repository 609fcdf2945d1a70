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

/**
 * The npm cache for this deno.lock, made once on the host (which reaches npm) and kept in the testbed folder
 * under the lock's hash; answers its `npm` folder.
 */
async function npmCacheForLock(): Promise<string> {
  const tbDir = `${testbed().binDir}/..`;
  const lock = await Deno.readTextFile(`${REPO}deno.lock`);
  const dir = `${tbDir}/image-npm-cache/${sha256Hex(lock).slice(0, 16)}`;
  const ready = await Deno.stat(`${dir}/npm`).then(() => true, () => false);
  if (!ready) {
    const staging = `${dir}.${crypto.randomUUID().slice(0, 8)}`;
    await run(Deno.execPath(), ["cache", "--frozen", "mcp/main.ts"], { DENO_DIR: staging });
    await Deno.mkdir(dir, { recursive: true });
    await Deno.rename(`${staging}/npm`, `${dir}/npm`).catch(async (e) => {
      // A parallel run got there first: its copy is as good.
      if (!(await Deno.stat(`${dir}/npm`).then(() => true, () => false))) throw e;
    });
    await Deno.remove(staging, { recursive: true });
  }
  return `${dir}/npm`;
}

/**
 * Builds the image as `tag` in the account's storage; the prepared `.deno-cache/` is in the context only during
 * the build (the account reads the repository as any other user does).
 */
export async function buildImage(account: RootlessAccount, tag: string): Promise<void> {
  const npm = await npmCacheForLock();
  await Deno.remove(CONTEXT_CACHE, { recursive: true }).catch(() => {});
  try {
    await Deno.mkdir(CONTEXT_CACHE);
    await run("cp", ["-a", npm, `${CONTEXT_CACHE}/npm`]);
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
