/** Checks converted units with a local quadlet generator (`-dryrun -user` over a scratch folder). */
import type { UnitText } from "./quadlet_convert_common.ts";

export interface Validation {
  generator: string;
  ok: boolean;
  messages: string[];
}

/** Runs a quadlet generator over the units; null when none is available. */
export type ValidateUnits = (units: readonly UnitText[]) => Promise<Validation | null>;

/** Where the distributions put the generator. */
const PACKAGED_GENERATORS = ["/usr/libexec/podman/quadlet", "/usr/lib/podman/quadlet"];

/** The places to look, in order: the configured generator (ARR_QUADLET_GENERATOR), then the packaged ones. */
export function generatorPaths(configured: string | undefined): string[] {
  return configured === undefined ? [...PACKAGED_GENERATORS] : [configured, ...PACKAGED_GENERATORS];
}

async function firstFile(paths: readonly string[]): Promise<string | undefined> {
  for (const p of paths) {
    if (await Deno.stat(p).then((s) => s.isFile).catch(() => false)) return p;
  }
  return undefined;
}

/** Runs the first generator found at `paths` over a scratch folder of the units; null when none is found. */
export function localGenerator(paths: readonly string[]): ValidateUnits {
  return async (units: readonly UnitText[]): Promise<Validation | null> => {
    const generator = await firstFile(paths);
    if (generator === undefined) return null;
    const dir = await Deno.makeTempDir({ prefix: "arr-quadlet-check-" });
    try {
      for (const u of units) await Deno.writeTextFile(`${dir}/${u.fileName}`, u.text, { mode: 0o600 });
      const out = await new Deno.Command(generator, {
        args: ["-dryrun", "-user"],
        env: { QUADLET_UNIT_DIRS: dir },
        stdout: "null",
        stderr: "piped",
      }).output();
      const messages = new TextDecoder().decode(out.stderr).split("\n")
        .map((l) => l.replace(/^quadlet-generator\[\d+\]: /, "").replaceAll(`${dir}/`, "").trim())
        .filter((l) => l !== "" && !l.startsWith("Loading source unit file"));
      return { generator, ok: out.code === 0, messages };
    } finally {
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    }
  };
}
