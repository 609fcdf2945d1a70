/**
 * Creates a converted stack for real: runs the quadlet generator, then executes the generated ExecStart= lines
 * (read as systemd reads them) with the testbed's Podman 4.3.1: networks and volumes are created, and every
 * container is `podman create`d from its `podman run` line. Nothing is pulled: the local busybox image is tagged
 * under each image name first. Everything made is removed by `remove()`.
 *
 * Deviations from the generated lines, all forced by the testbed (tests/testbed notes): `run` → `create` (and
 * `-d` dropped), `--cgroups=split` dropped (no systemd here), `--ignore` dropped from `network/volume create`
 * (Podman 4.4+), and an image pinned by digest is tagged and created by its name without the digest.
 */
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
  /** Unit file name → the podman words it ran (after the testbed deviations). */
  commands: Map<string, string[]>;
  /** Unit file name → the Podman container name, for each `.container` unit. */
  containers: Map<string, string>;
  /** Unit file name → why Podman refused it (empty when every unit was accepted). */
  refused: Map<string, string>;
  remove(): Promise<void>;
}

const NOT_A_NETWORK = /^(host|none|bridge|private|slirp4netns|pasta|ns:|container:)/;

export async function createStack(units: readonly QuadletUnit[]): Promise<CreatedStack> {
  const tb = testbed();
  const run = await assertGeneratorAccepts(Object.fromEntries(units.map((u) => [u.fileName, u.text])));
  const runtimeDir = await Deno.makeTempDir({ prefix: "conv-test-run-" });
  const made = { containers: [] as string[], networks: new Set<string>(), volumes: new Set<string>() };
  const tags = new Set<string>();
  const commands = new Map<string, string[]>();
  const containers = new Map<string, string>();
  const refused = new Map<string, string>();
  for (const unit of installOrder(units)) {
    const service = serviceNameOf(unit.fileName);
    const name = service.replace(/\.service$/, "");
    const words = systemdWords(execStart(run, service), { t: runtimeDir, N: name, n: service }, {
      ...serviceEnvironment(run, service),
    }).slice(1);
    let args: string[];
    if (unit.kind === "network" || unit.kind === "volume") {
      args = words.filter((w) => w !== "--ignore");
      const created = args[args.length - 1] as string;
      (unit.kind === "network" ? made.networks : made.volumes).add(created);
    } else if (unit.kind === "container") {
      args = words.filter((w) => w !== "-d" && w !== "--cgroups=split");
      args[0] = "create";
      const image = imageOf(unit.text);
      if (image !== undefined) {
        const byName = image.replace(/@sha256:[0-9a-f]+$/, "");
        if (byName !== image) args[args.lastIndexOf(image)] = byName;
        if (!tags.has(byName)) {
          await podmanResult("tag", tb.image, byName);
          tags.add(byName);
        }
      }
      for (const net of networksOf(args)) {
        if (made.networks.has(net)) continue;
        const r = await podmanResult("network", "create", net);
        if (r.ok) made.networks.add(net);
      }
      for (const vol of volumesOf(args)) made.volumes.add(vol);
      const cname = args[args.indexOf("--name") + 1] as string;
      containers.set(unit.fileName, cname);
      made.containers.push(cname);
    } else continue;
    commands.set(unit.fileName, args);
    const r = await podmanResult(...args);
    if (!r.ok) refused.set(unit.fileName, r.stderr);
  }
  return {
    run,
    commands,
    containers,
    refused,
    async remove() {
      if (made.containers.length) await podmanResult("rm", "-f", "-t", "0", "--ignore", ...made.containers);
      for (const v of made.volumes) await podmanResult("volume", "rm", "-f", v);
      for (const n of made.networks) await podmanResult("network", "rm", "-f", n);
      for (const t of tags) await podmanResult("untag", tb.image, t);
      await Deno.remove(runtimeDir, { recursive: true });
    },
  };
}

function imageOf(text: string): string | undefined {
  const image = parseUnit(text).get("Container")?.find((l) => l.key === "Image")?.value;
  return image === undefined || image.endsWith(".build") ? undefined : image;
}

/** The networks a `podman create` line joins by name (per-network options cut off). */
function networksOf(args: readonly string[]): string[] {
  const out: string[] = [];
  args.forEach((w, i) => {
    const v = w === "--network" ? args[i + 1] : w.startsWith("--network=") ? w.slice(10) : undefined;
    if (v !== undefined && !NOT_A_NETWORK.test(v)) out.push(v.split(":")[0] as string);
  });
  return out;
}

/** Named volumes a `podman create` line mounts (Podman creates them; they are removed afterwards). */
function volumesOf(args: readonly string[]): string[] {
  const out: string[] = [];
  args.forEach((w, i) => {
    const v = w === "-v" || w === "--volume" ? args[i + 1] : undefined;
    const source = v?.split(":")[0];
    if (v?.includes(":") && source && !source.startsWith("/")) out.push(source);
  });
  return out;
}

export async function podmanResult(
  ...args: string[]
): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  const out = await new Deno.Command("podman", { args, stdout: "piped", stderr: "piped" }).output();
  const dec = new TextDecoder();
  return { ok: out.success, stdout: dec.decode(out.stdout).trim(), stderr: dec.decode(out.stderr).trim() };
}
