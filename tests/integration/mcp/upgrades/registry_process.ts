/**
 * A real Docker registry (Debian's `docker-registry`, distribution 2.8) on a free loopback port with a temporary
 * storage dir, and podman pushes into it. `await using` stops it by its PID and removes the storage.
 */
import { freeLoopbackPort } from "../../_support/free_port.ts";
import { podman } from "../../../testbed/testbed.ts";

export interface LocalRegistry extends AsyncDisposable {
  /** `127.0.0.1:<port>`, the host part of image references. */
  host: string;
  /** Stops it and removes its storage synchronously (for a benchmark's `unload`). */
  stopSync(): void;
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
  const stopSync = () => {
    try {
      child.kill("SIGTERM");
    } catch { /* already gone */ }
    Deno.removeSync(dir, { recursive: true });
  };
  for (let i = 0; i < 200; i++) {
    const up = await fetch(`http://${host}/v2/`).then(async (r) => {
      await r.body?.cancel();
      return r.status === 200;
    }).catch(() => false);
    if (up) return { host, stopSync, [Symbol.asyncDispose]: stop };
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

const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

async function sha256(bytes: Uint8Array): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
  return `sha256:${Array.from(hash, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

async function uploadBlob(host: string, repository: string, bytes: Uint8Array): Promise<string> {
  const digest = await sha256(bytes);
  const start = await fetch(`http://${host}/v2/${repository}/blobs/uploads/`, { method: "POST" });
  await start.body?.cancel();
  const location = start.headers.get("location");
  if (start.status !== 202 || location === null) throw new Error(`Blob upload refused: ${start.status}`);
  const url = new URL(location, `http://${host}`);
  url.searchParams.set("digest", digest);
  const put = await fetch(url, {
    method: "PUT",
    body: bytes as Uint8Array<ArrayBuffer>,
    headers: { "content-type": "application/octet-stream" },
  });
  await put.body?.cancel();
  if (put.status !== 201) throw new Error(`Blob upload failed: ${put.status}`);
  return digest;
}

/**
 * Pushes a tiny OCI image (one shared layer, a config made from `seed`) as `repository:tag` over the registry's
 * HTTP API, without Podman (for benchmarks that need many tags). Answers the manifest digest.
 */
export async function pushTinyImage(
  host: string,
  repository: string,
  tag: string,
  seed: string,
): Promise<string> {
  const enc = new TextEncoder();
  const layer = enc.encode("arr-mcp bench layer");
  const config = enc.encode(
    JSON.stringify({ architecture: "amd64", os: "linux", config: { Labels: { seed } } }),
  );
  const [layerDigest, configDigest] = await Promise.all([
    uploadBlob(host, repository, layer),
    uploadBlob(host, repository, config),
  ]);
  const manifest = enc.encode(JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: {
      mediaType: "application/vnd.oci.image.config.v1+json",
      digest: configDigest,
      size: config.length,
    },
    layers: [{
      mediaType: "application/vnd.oci.image.layer.v1.tar+gzip",
      digest: layerDigest,
      size: layer.length,
    }],
  }));
  const put = await fetch(`http://${host}/v2/${repository}/manifests/${tag}`, {
    method: "PUT",
    body: manifest,
    headers: { "content-type": OCI_MANIFEST },
  });
  await put.body?.cancel();
  if (put.status !== 201) throw new Error(`Manifest push of ${repository}:${tag} failed: ${put.status}`);
  return put.headers.get("docker-content-digest") ?? await sha256(manifest);
}
