/**
 * Validation of a new quadlet with the real generator: `quadlet -dryrun -user` over a private temp folder
 * (QUADLET_UNIT_DIRS) holding the candidate plus copies of the other installed units it may reference
 * (a missing `Network=media.network` is an error to the generator). The folder lives in the helper's private
 * runtime folder, never in the quadlet folder, so a concurrent `daemon-reload` cannot pick the candidate up.
 */
import { err, ok, type Result } from "../shared/result.ts";
import type { HelperFs } from "./fs.ts";
import type { QuadletCheck, UnitFile } from "./quadlet_files.ts";
import type { Runner, RunResult } from "./run_command.ts";

export interface GeneratorCheckDeps {
  runner: Runner;
  /** Absolute path of the generator binary. */
  generator: string;
  fs: HelperFs;
  /** A private folder the helper may write (its socket folder). */
  workDir: string;
}

/** The generator's stderr as lines, without its `quadlet-generator[pid]: ` prefix and the loading chatter. */
export function generatorLines(stderr: string): string[] {
  return stderr.split("\n")
    .map((l) => l.replace(/^quadlet-generator\[\d+\]: /, "").trim())
    .filter((l) => l !== "" && !l.startsWith("Loading source unit file"));
}

/** The generator's verdict on `file`: complaints about other installed units do not block the candidate. */
export function judgeGeneratorRun(file: string, run: RunResult): Result<string, string> {
  if (run.timedOut) return err(`the quadlet generator timed out checking "${file}"`);
  const lines = generatorLines(run.stderr);
  const mine = lines.filter((l) => l.startsWith(`converting "${file}":`));
  if (mine.length > 0) return err(`the quadlet generator rejected it: ${mine.join("; ")}`);
  const converting = lines.some((l) => l.startsWith("converting "));
  if (run.code !== 0 && !converting) {
    return err(`the quadlet generator failed (exit ${run.code}): ${lines.join("; ") || "no message"}`);
  }
  return ok(`"${file}" accepted`);
}

/**
 * Runs the generator (`-dryrun -user`) over a new scratch folder inside `workDir` holding `units`, and
 * removes the folder again. File names in the output are given as the user knows them, without the folder.
 */
export async function runGeneratorOver(
  deps: GeneratorCheckDeps,
  units: readonly UnitFile[],
): Promise<RunResult> {
  const temp = await deps.fs.makeTempDir({ dir: deps.workDir, prefix: "quadlet-check-" });
  try {
    for (const unit of units) {
      await deps.fs.writeTextFile(`${temp}/${unit.file}`, unit.content, { createNew: true, mode: 0o600 });
    }
    const run = await deps.runner(deps.generator, ["-dryrun", "-user"], { env: { QUADLET_UNIT_DIRS: temp } });
    return { ...run, stderr: run.stderr.replaceAll(`${temp}/`, "") };
  } finally {
    await deps.fs.remove(temp, { recursive: true }).catch(() => {});
  }
}

export function createGeneratorCheck(deps: GeneratorCheckDeps): QuadletCheck {
  return async (candidate: UnitFile, others: readonly UnitFile[]) =>
    judgeGeneratorRun(candidate.file, await runGeneratorOver(deps, [...others, candidate]));
}

/** The generator's version (`quadlet -version` prints e.g. `5.4.2`), or null. */
export async function generatorVersion(runner: Runner, generator: string): Promise<string | null> {
  const run = await runner(generator, ["-version"]);
  const version = run.stdout.trim().split("\n")[0]?.trim() ?? "";
  return run.code === 0 && version !== "" ? version : null;
}
