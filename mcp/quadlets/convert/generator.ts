/**
 * Checks converted units with a quadlet generator on arr-mcp's own machine (`-dryrun -user` over a scratch
 * folder). arr-mcp ships without --allow-run, so this runs only where the operator granted run permission for
 * the generator; the first choice is arr-helper's quadlet_validate (quadlet_convert_validate.ts).
 */
import type { UnitText } from "../../../shared/quadlet/types.ts";

export interface Validation {
  /** Who ran the generator: arr-helper on the host, arr-mcp itself ("local"), or nobody (then `ok` is null). */
  validated_by: "arr-helper" | "local" | null;
  /** The generator that ran: a local path, or `quadlet <version>` on arr-helper's host; null when none ran. */
  generator: string | null;
  ok: boolean | null;
  /** The generator's messages, or why no generator ran. */
  messages: string[];
}

/** Why a generator did not run, as a clause: "arr-mcp may not start programs …". */
export interface NotRun {
  not_run: string;
}

/** Runs a quadlet generator over the units, or says why it could not. Never throws. */
export type ValidateUnits = (units: readonly UnitText[]) => Promise<Validation | NotRun>;

/** Where the distributions put the generator. */
const PACKAGED_GENERATORS = ["/usr/libexec/podman/quadlet", "/usr/lib/podman/quadlet"];

/** The places to look, in order: the configured generator (ARR_QUADLET_GENERATOR), then the packaged ones. */
export function generatorPaths(configured: string | undefined): string[] {
  return configured === undefined ? [...PACKAGED_GENERATORS] : [configured, ...PACKAGED_GENERATORS];
}

/** Whether this process may start `path` (granted by --allow-run); asked, never prompted. */
export function runGranted(path: string): boolean {
  try {
    return Deno.permissions.querySync({ name: "run", command: path }).state === "granted";
  } catch {
    return false;
  }
}

async function firstFile(paths: readonly string[]): Promise<string | undefined> {
  for (const p of paths) {
    if (await Deno.stat(p).then((s) => s.isFile).catch(() => false)) return p;
  }
  return undefined;
}

export interface LocalGeneratorOptions {
  /** Tells whether the generator at a path may be started. @default runGranted (Deno's run permission) */
  mayRun?: (path: string) => boolean;
}

/**
 * Runs the first generator found at `paths` over a scratch folder of the units, if this process has run
 * permission for it; otherwise says why not, without starting anything.
 */
export function localGenerator(paths: readonly string[], options: LocalGeneratorOptions = {}): ValidateUnits {
  const mayRun = options.mayRun ?? runGranted;
  return async (units: readonly UnitText[]): Promise<Validation | NotRun> => {
    const generator = await firstFile(paths);
    if (generator === undefined) return { not_run: "arr-mcp has no local quadlet generator" };
    if (!mayRun(generator)) {
      return { not_run: `arr-mcp may not start programs (no --allow-run for ${generator})` };
    }
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
      return { validated_by: "local", generator, ok: out.code === 0, messages };
    } catch (e) {
      return { not_run: `the local quadlet generator ${generator} could not run: ${(e as Error).message}` };
    } finally {
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    }
  };
}
