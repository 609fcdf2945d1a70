/**
 * What the integration tests read about the real testbed started by `tests/testbed/run.sh`.
 * Integration tests call `testbed()`; outside `deno task test` it throws with the command to use,
 * so a missing testbed is a failure, never a silent skip.
 */
export interface Testbed {
  /** Unix socket of the `podman system service` started for this run. */
  podmanSocket: string;
  /** A local image with busybox (no registry is reachable). */
  image: string;
  /** Folder holding `podman-compose` (1.3.0) and `quadlet` (5.4.2); first on PATH during the run. */
  binDir: string;
  /** The quadlet generator binary, for `-dryrun` validation. */
  quadletBin: string;
  /** The containers.conf override these VMs need for every podman call. */
  containersConf: string;
}

export function testbed(): Testbed {
  const dir = Deno.env.get("ARR_TESTBED_DIR");
  const podmanSocket = Deno.env.get("ARR_TEST_PODMAN_SOCKET");
  const image = Deno.env.get("ARR_TEST_IMAGE");
  const containersConf = Deno.env.get("CONTAINERS_CONF");
  if (!dir || !podmanSocket || !image || !containersConf) {
    throw new Error("The real testbed is not running: run integration tests with `deno task test`");
  }
  return { podmanSocket, image, binDir: `${dir}/bin`, quadletBin: `${dir}/bin/quadlet`, containersConf };
}

/** A name unique to this test run, for containers and stacks the test creates and removes by exact name. */
export function uniqueName(prefix: string): string {
  return `arrtest-${prefix}-${crypto.randomUUID().slice(0, 8)}`;
}

/** Runs podman with the testbed's config; returns trimmed stdout, throws with stderr on failure. */
export async function podman(...args: string[]): Promise<string> {
  const out = await new Deno.Command("podman", { args, stdout: "piped", stderr: "piped" }).output();
  const dec = new TextDecoder();
  if (!out.success) throw new Error(`podman ${args.join(" ")} failed: ${dec.decode(out.stderr).trim()}`);
  return dec.decode(out.stdout).trim();
}

/** Removes containers by exact name, ignoring ones already gone. */
export async function removeContainers(...names: string[]): Promise<void> {
  if (names.length === 0) return;
  await new Deno.Command("podman", {
    args: ["rm", "-f", "-t", "0", "--ignore", ...names],
    stdout: "null",
    stderr: "null",
  })
    .output();
}

/** The podman-compose versions setup.sh provides: 1.3.0 (`podman-compose`) and Debian 12's 1.0.3. */
export const COMPOSE_VERSIONS = ["1.3.0", "1.0.3"] as const;
export type ComposeVersion = typeof COMPOSE_VERSIONS[number];

/**
 * The versions the stack tests run against: ARR_TEST_COMPOSE_VERSIONS (comma separated, e.g. `1.0.3`), all of
 * them by default. An unknown version is an error, never a silent skip.
 */
export function composeVersions(): ComposeVersion[] {
  const raw = Deno.env.get("ARR_TEST_COMPOSE_VERSIONS");
  if (raw === undefined || raw.trim() === "") return [...COMPOSE_VERSIONS];
  return raw.split(",").map((v) => v.trim()).map((v) => {
    const known = COMPOSE_VERSIONS.find((k) => k === v);
    if (known === undefined) {
      throw new Error(
        `Invalid ARR_TEST_COMPOSE_VERSIONS "${raw}": expected some of ${COMPOSE_VERSIONS.join(",")}`,
      );
    }
    return known;
  });
}

/** The testbed's podman-compose executable of `version`. */
export function composeBin(version: ComposeVersion): string {
  const { binDir } = testbed();
  return version === "1.3.0" ? `${binDir}/podman-compose` : `${binDir}/podman-compose-${version}`;
}

/** Makes `podman-compose` in `binDir` (a folder placed first on PATH) the given version. */
export async function usePodmanCompose(binDir: string, version: ComposeVersion): Promise<void> {
  await Deno.symlink(composeBin(version), `${binDir}/podman-compose`);
}
