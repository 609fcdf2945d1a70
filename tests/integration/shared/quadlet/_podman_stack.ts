/**
 * Creates a converted stack for real: runs the quadlet generator, then executes the generated ExecStart= lines
 * (read as systemd reads them) with the testbed's Podman 4.3.1: networks and volumes are created, and every
 * container is `podman create`d from its `podman run` line. Nothing is pulled: the local busybox image is tagged
 * under each image name first. Everything made is removed by `remove()`.
 *
 * What differs from the generated lines, each forced by the testbed (tests/testbed notes) or by the rule that
 * a test names what it creates `conv-test-…`:
 * - `run` → `create` (`-d` dropped); `--cgroups=split` dropped (no systemd here); no registry is reachable, so
 *   `--pull always` → `missing` and `--platform` is dropped;
 * - options of Podman releases newer than 4.3.1, which the units (made for 5.4, the generator's release) use:
 *   `--ignore` dropped from `network/volume create` (4.4), `--sdnotify=healthy` → `--sdnotify=conmon` (4.7),
 *   `--add-host NAME:host-gateway` → `NAME:192.0.2.1` (4.7), network option `com.docker.network.bridge.name`
 *   dropped and `com.docker.network.driver.mtu` → `mtu` (4.5);
 * - containers, networks, volumes and secrets get the prefix `conv-test-<id>-` (references follow), and secrets
 *   the stack mounts are created with a placeholder value;
 * - a bind source, env file or device that does not exist on this machine is replaced by a folder or a file
 *   (with the fixture's content) under the test's temporary folder, or by /dev/null; `%h` is a folder there;
 * - this testbed runs as root without journald or XFS: `--userns keep-id` and `--storage-opt` are dropped and
 *   `--log-driver journald` becomes `k8s-file`;
 * - a `container:NAME` network the stack does not create itself is stood in by a placeholder container, as an
 *   external network is created;
 * - an image pinned by digest is tagged and created by its name without the digest; a `.build` unit is not
 *   built (that needs its base image from a registry): the busybox image is tagged under the built name.
 */
import { existsSync } from "node:fs";
import { installOrder } from "../../../../shared/quadlet/install_order.ts";
import type { QuadletUnit } from "../../../../shared/quadlet/types.ts";
import { parseUnit } from "../../../../shared/quadlet/unit_file.ts";
import { testbed } from "../../../testbed/testbed.ts";
import {
  assertGeneratorAccepts,
  execStart,
  type GeneratorRun,
  serviceEnvironment,
  serviceNameOf,
  systemdWords,
} from "./quadlet_generator.ts";

export interface CreatedStack {
  run: GeneratorRun;
  /** Unit file name → the podman words of its generated ExecStart=, as systemd reads them (before any change). */
  generated: Map<string, string[]>;
  /** Unit file name → the podman words it ran (after the testbed changes above). */
  commands: Map<string, string[]>;
  /** Unit file name → the Podman container name, for each `.container` unit. */
  containers: Map<string, string>;
  /** Unit file name → Podman's message, for each unit Podman refused. */
  refused: Map<string, string>;
  remove(): Promise<void>;
}

const NOT_A_NETWORK = /^(host|none|bridge|private|slirp4netns|pasta|ns:)/;

export async function createStack(
  units: readonly QuadletUnit[],
  /** Contents of env files the units name that do not exist on this machine (fixture paths). */
  envFiles: Readonly<Record<string, string>> = {},
): Promise<CreatedStack> {
  const tb = testbed();
  const run = await assertGeneratorAccepts(Object.fromEntries(units.map((u) => [u.fileName, u.text])));
  // Image tags are shared by all test processes: one stack at a time tags, creates and untags.
  const lock = await Deno.open(`${Deno.env.get("ARR_TESTBED_DIR")}/conv-test-stack.lock`, {
    create: true,
    write: true,
  });
  await lock.lock(true);
  const runtimeDir = await Deno.makeTempDir({ prefix: "conv-test-run-" });
  const prefix = `conv-test-${crypto.randomUUID().slice(0, 8)}-`;
  const own = (name: string) => (name.startsWith("conv-test-") ? name : `${prefix}${name}`);
  const made = {
    containers: [] as string[],
    networks: new Set<string>(),
    volumes: new Set<string>(),
    secrets: new Set<string>(),
  };
  const tags = new Set<string>();
  const commands = new Map<string, string[]>();
  const generated = new Map<string, string[]>();
  const containers = new Map<string, string>();
  const refused = new Map<string, string>();
  const containerNames = new Set(
    units.filter((u) => u.kind === "container").map((u) => {
      const cn = parseUnit(u.text).get("Container")?.find((l) => l.key === "ContainerName")?.value;
      return own(cn ?? `systemd-${u.fileName.replace(/\.container$/, "")}`);
    }),
  );
  const createUnits = async () => {
    for (const unit of installOrder(units)) {
      const service = serviceNameOf(unit.fileName);
      const name = service.replace(/\.service$/, "");
      const words = systemdWords(
        execStart(run, service),
        { t: runtimeDir, N: name, n: service, h: `${runtimeDir}/home` },
        serviceEnvironment(run, service),
      ).slice(1);
      generated.set(unit.fileName, words);
      let args: string[];
      if (unit.kind === "network" || unit.kind === "volume") {
        args = olderPodmanNetwork(words.filter((w) => w !== "--ignore"));
        const created = own(args[args.length - 1] as string);
        args[args.length - 1] = created;
        (unit.kind === "network" ? made.networks : made.volumes).add(created);
      } else if (unit.kind === "container") {
        const image = imageOf(unit.text, units);
        args = await containerArgs(words, image, { own, runtimeDir, made, containerNames, envFiles });
        const byName = image.replace(/@sha256:[0-9a-f]+$/, "");
        if (byName !== image) args[args.lastIndexOf(image)] = byName;
        if (!tags.has(byName)) {
          await podmanResult("tag", tb.image, byName);
          tags.add(byName);
        }
        const cname = args[args.indexOf("--name") + 1] as string;
        containers.set(unit.fileName, cname);
        made.containers.push(cname);
      } else continue;
      commands.set(unit.fileName, args);
      const r = await podmanResult(...args);
      if (!r.ok) refused.set(unit.fileName, r.stderr);
    }
  };
  const remove = async () => {
    // Dependents first: Podman keeps a container another one shares a namespace with.
    for (const c of [...made.containers].reverse()) await podmanResult("rm", "-f", "-t", "0", "--ignore", c);
    for (const v of made.volumes) await podmanResult("volume", "rm", "-f", v);
    for (const n of made.networks) await podmanResult("network", "rm", "-f", n);
    for (const s of made.secrets) await podmanResult("secret", "rm", s);
    for (const t of tags) await podmanResult("untag", tb.image, t);
    await Deno.remove(runtimeDir, { recursive: true });
    await lock.unlock();
    lock.close();
  };
  try {
    await createUnits();
  } catch (e) {
    await remove();
    throw e;
  }
  return { run, generated, commands, containers, refused, remove };
}

/** `podman network create` words without the Docker bridge options Podman 4.3.1 lacks (4.5). */
function olderPodmanNetwork(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const next = words[i + 1] ?? "";
    if (w === "--opt" && next.startsWith("com.docker.network.bridge.name=")) i++;
    else if (w === "--opt" && next.startsWith("com.docker.network.driver.mtu=")) {
      out.push(w, next.replace("com.docker.network.driver.mtu=", "mtu="));
      i++;
    } else out.push(w);
  }
  return out;
}

interface ArgContext {
  own(name: string): string;
  runtimeDir: string;
  /** The (prefixed) container names the stack's own units create. */
  containerNames: Set<string>;
  envFiles: Readonly<Record<string, string>>;
  made: { containers: string[]; networks: Set<string>; volumes: Set<string>; secrets: Set<string> };
}

/** The `podman create` words of one generated `podman run` line (see the list at the top). */
async function containerArgs(words: string[], imageRef: string, c: ArgContext): Promise<string[]> {
  const out: string[] = [];
  const image = words.findIndex((w, i) => i > 0 && w === imageRef && !takesValue(words[i - 1] as string));
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (i === 0) {
      out.push("create");
      continue;
    }
    if (image >= 0 && i >= image) {
      out.push(w);
      continue;
    }
    if (w === "-d" || w === "--cgroups=split") continue;
    // Root here: keep-id is for rootless Podman; no XFS for --storage-opt size.
    // --platform would pull another architecture's image.
    if (
      (w === "--userns" && words[i + 1]?.startsWith("keep-id")) || w === "--storage-opt" || w === "--platform"
    ) {
      i++;
      continue;
    }
    if (w === "--log-driver" && words[i + 1] === "journald") {
      out.push(w, "k8s-file");
      i++;
      continue;
    }
    if (w === "--sdnotify=healthy") {
      out.push("--sdnotify=conmon");
      continue;
    }
    const eq = w.startsWith("--") ? w.indexOf("=") : -1;
    const flag = eq > 0 ? w.slice(0, eq) : w;
    const inline = eq > 0;
    if (!takesValue(flag)) {
      out.push(w);
      continue;
    }
    const value = inline ? w.slice(eq + 1) : words[++i] as string;
    const mapped = flag === "--pull" && value === "always"
      ? "missing"
      : flag === "--add-host"
      ? value.replace(/:host-gateway$/, ":192.0.2.1")
      : await mapValue(flag, value, c);
    if (inline) out.push(`${flag}=${mapped}`);
    else out.push(flag, mapped);
  }
  return out;
}

const VALUE_FLAGS = new Set([
  "--name",
  "--network",
  "-v",
  "--volume",
  "--volumes-from",
  "--secret",
  "--device",
  "--cidfile",
  "--env",
  "--env-file",
  "--label",
  "--label-file",
  "--annotation",
  "--publish",
  "--expose",
  "--entrypoint",
  "--health-cmd",
  "--health-interval",
  "--health-timeout",
  "--health-retries",
  "--health-start-period",
  "--tmpfs",
  "--user",
  "--workdir",
  "--hostname",
  "--ip",
  "--ip6",
  "--network-alias",
  "--mac-address",
  "--cap-add",
  "--cap-drop",
  "--dns",
  "--dns-option",
  "--dns-search",
  "--add-host",
  "--sysctl",
  "--ulimit",
  "--log-driver",
  "--log-opt",
  "--pull",
  "--pids-limit",
  "--shm-size",
  "--stop-timeout",
  "--stop-signal",
  "--userns",
  "--group-add",
  "--security-opt",
  "--memory",
  "--memory-reservation",
  "--memory-swap",
  "--memory-swappiness",
  "--cpus",
  "--cpu-shares",
  "--cpu-period",
  "--cpu-quota",
  "--cpuset-cpus",
  "--ipc",
  "--pid",
  "--uts",
  "--cgroupns",
  "--cgroup-parent",
  "--platform",
  "--runtime",
  "--storage-opt",
  "--device-cgroup-rule",
  "--oom-score-adj",
  "--sdnotify",
  "--mount",
  "--health-on-failure",
  "--rm",
]);

function takesValue(flag: string): boolean {
  return VALUE_FLAGS.has(flag) && flag !== "--rm";
}

async function mapValue(flag: string, value: string, c: ArgContext): Promise<string> {
  if (flag === "--name") return c.own(value);
  if (flag === "--network") {
    if (value.startsWith("container:")) {
      const owned = c.own(value.slice(10));
      if (!c.containerNames.has(owned) && !c.made.containers.includes(owned)) {
        // Outside the stack, like an external network: stand in a placeholder container.
        await podmanResult("create", "--name", owned, testbed().image, "sleep", "1");
        c.made.containers.push(owned);
      }
      return `container:${owned}`;
    }
    if (NOT_A_NETWORK.test(value)) return value;
    const [net, ...opts] = value.split(":");
    const owned = c.own(net as string);
    if (!c.made.networks.has(owned)) {
      await podmanResult("network", "create", owned);
      c.made.networks.add(owned);
    }
    return [owned, ...opts].join(":");
  }
  if (flag === "--volumes-from") {
    const [from, ...opts] = value.split(":");
    return [c.own(from as string), ...opts].join(":");
  }
  if (flag === "-v" || flag === "--volume") {
    const [source, ...rest] = value.split(":");
    if (rest.length === 0) return value;
    if (source?.startsWith("/")) {
      if (existsSync(source)) return value;
      const stand = `${c.runtimeDir}/binds${source}`;
      await Deno.mkdir(stand, { recursive: true });
      return [stand, ...rest].join(":");
    }
    const owned = c.own(source as string);
    c.made.volumes.add(owned);
    return [owned, ...rest].join(":");
  }
  if (flag === "--secret") {
    const [secret, ...opts] = value.split(",");
    const owned = c.own(secret as string);
    if (!c.made.secrets.has(owned)) {
      const out = new Deno.Command("podman", {
        args: ["secret", "create", owned, "-"],
        stdin: "piped",
        stdout: "null",
        stderr: "null",
      })
        .spawn();
      const writer = out.stdin.getWriter();
      await writer.write(new TextEncoder().encode("placeholder"));
      await writer.close();
      await out.status;
      c.made.secrets.add(owned);
    }
    return [owned, ...opts].join(",");
  }
  if (flag === "--env-file" && !existsSync(value)) {
    const stand = `${c.runtimeDir}/env-files${value}`;
    await Deno.mkdir(stand.slice(0, stand.lastIndexOf("/")), { recursive: true });
    await Deno.writeTextFile(stand, c.envFiles[value] ?? "");
    return stand;
  }
  if (flag === "--device") {
    const [source, ...rest] = value.split(":");
    if (source?.startsWith("/") && !existsSync(source)) return ["/dev/null", ...rest].join(":");
    return value;
  }
  return value;
}

/** The image word of the generated command line: Image=, or the tag of the `.build` unit it names. */
function imageOf(text: string, units: readonly QuadletUnit[]): string {
  const image = parseUnit(text).get("Container")?.find((l) => l.key === "Image")?.value ?? "";
  if (!image.endsWith(".build")) return image;
  const build = units.find((u) => u.fileName === image);
  return parseUnit(build?.text ?? "").get("Build")?.find((l) => l.key === "ImageTag")?.value ?? image;
}

export async function podmanResult(
  ...args: string[]
): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  const out = await new Deno.Command("podman", { args, stdout: "piped", stderr: "piped" }).output();
  const dec = new TextDecoder();
  return { ok: out.success, stdout: dec.decode(out.stdout).trim(), stderr: dec.decode(out.stderr).trim() };
}
