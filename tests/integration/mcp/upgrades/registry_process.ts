/**
 * A real Docker registry (Debian's `docker-registry`, distribution 2.8) on a free loopback port with a temporary
 * storage dir, and podman pushes into it. `await using` stops it by its PID and removes the storage.
 */
import { freeLoopbackPort } from "../../_support/free_port.ts";
import { podman } from "../../../testbed/testbed.ts";

export interface LocalRegistry extends AsyncDisposable {
  /** `127.0.0.1:<port>`, the host part of image references. */
  host: string;
}

export async function startLocalRegistry(): Promise<LocalRegistry> {
  const dir = await Deno.makeTempDir({ prefix: "arr-upgrades-registry-" });
  const port = freeLoopbackPort();
  const config = `${dir}/config.yml`;
  await Deno.writeTextFile(
    config,
    [
      "version: 0.1",
      "log: { level: error }",
      `storage: { filesystem: { rootdirectory: ${dir}/data }, delete: { enabled: true } }`,
      `http: { addr: "127.0.0.1:${port}" }`,
      "",
    ].join("\n"),
  );
  const child = new Deno.Command("/usr/bin/docker-registry", {
    args: ["serve", config],
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const host = `127.0.0.1:${port}`;
  const stop = async () => {
    try {
      child.kill("SIGTERM");
    } catch { /* already gone */ }
    await child.stderr.cancel().catch(() => {});
    await child.status;
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  };
  for (let i = 0; i < 200; i++) {
    const up = await fetch(`http://${host}/v2/`).then(async (r) => {
      await r.body?.cancel();
      return r.status === 200;
    }).catch(() => false);
    if (up) return { host, [Symbol.asyncDispose]: stop };
    await new Promise((r) => setTimeout(r, 50));
  }
  await stop();
  throw new Error(`docker-registry did not answer on ${host}`);
}

/** Tags `image` as `<host>/<repository>:<tag>`, pushes it over plain HTTP and answers the manifest digest pushed. */
export async function pushAs(image: string, host: string, repository: string, tag: string): Promise<string> {
  const ref = `${host}/${repository}:${tag}`;
  const digestFile = await Deno.makeTempFile({ prefix: "arr-upgrades-digest-" });
  try {
    await podman("tag", image, ref);
    await podman("push", "--tls-verify=false", "-q", "--digestfile", digestFile, ref);
    return (await Deno.readTextFile(digestFile)).trim();
  } finally {
    await Deno.remove(digestFile).catch(() => {});
  }
}

/**
 * A new image from `image` with one more layer (a file written in a throwaway container); `changes` are
 * `podman commit --change` instructions such as `CMD ["sleep", "600"]`.
 */
export async function imageWithNewLayer(
  image: string,
  name: string,
  content: string,
  changes: readonly string[] = [],
): Promise<string> {
  await podman("run", "--name", name, image, "sh", "-c", `echo ${content} > /layer.txt`);
  try {
    return await podman("commit", "-q", ...changes.flatMap((c) => ["--change", c]), name);
  } finally {
    await podman("rm", "-f", name);
  }
}
