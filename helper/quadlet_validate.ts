/**
 * The read-only `quadlet_validate` op: the generator's verdict on a set of candidate units, checked beside the
 * installed units (a candidate replaces the installed unit of the same name), so references between the
 * candidates and to installed units resolve. Nothing is written to the quadlet folder: the generator runs over
 * a scratch folder in the helper's private socket folder.
 */
import { done, type Operation, rejected } from "./outcome.ts";
import { type GeneratorCheckDeps, generatorLines, runGeneratorOver } from "./quadlet_check.ts";
import type { QuadletStore } from "./quadlet_files.ts";
import type { RunResult } from "./run_command.ts";
import { validateQuadletUnits } from "./validate.ts";

/** The shell's "command not found" code, as the runner uses it for a program it cannot start. */
export const NO_GENERATOR_EXIT_CODE = 127;
export const NO_GENERATOR_MESSAGE = "Not validated: no quadlet generator on this host";

export interface SetVerdict {
  ok: boolean;
  /** A first line with the verdict, then the generator's own messages. */
  output: string;
  /** The generator's exit code. */
  exitCode: number;
}

/**
 * Judges a generator run over candidates plus installed units: the set fails when the generator complains
 * about a candidate (`converting "<file>": …`) or fails without naming any file; complaints about installed
 * units alone are passed on in the output but do not fail the set.
 */
export function judgeGeneratorSet(files: readonly string[], run: RunResult): SetVerdict {
  const lines = generatorLines(run.stderr);
  const verdict = (ok: boolean, head: string): SetVerdict => ({
    ok,
    output: [head, ...lines].join("\n"),
    exitCode: run.code,
  });
  if (run.timedOut) return verdict(false, "The quadlet generator timed out");
  const rejectedFiles = files.filter((f) => lines.some((l) => l.startsWith(`converting "${f}":`)));
  if (rejectedFiles.length > 0) {
    return verdict(false, `Rejected by the quadlet generator: ${rejectedFiles.join(", ")}`);
  }
  if (run.code !== 0 && !lines.some((l) => l.startsWith("converting "))) {
    return verdict(false, `The quadlet generator failed (exit ${run.code})`);
  }
  return verdict(true, `Accepted by the quadlet generator: ${files.join(", ")}`);
}

export interface QuadletValidateDeps {
  store: Pick<QuadletStore, "installed">;
  /** How to run the generator; null when the host has none. */
  generator: GeneratorCheckDeps | null;
}

export function createQuadletValidate(deps: QuadletValidateDeps): Operation {
  return async (args) => {
    const units = validateQuadletUnits(args.units);
    if (!units.ok) return rejected(units.error);
    if (deps.generator === null) return done(false, NO_GENERATOR_MESSAGE, NO_GENERATOR_EXIT_CODE);
    const candidates = units.value.map((u) => ({ file: `${u.name}.${u.type}`, content: u.content }));
    const files = candidates.map((c) => c.file);
    const installed = await deps.store.installed(new Set(files));
    if (!installed.ok) return done(false, installed.error.message, 1);
    const verdict = judgeGeneratorSet(
      files,
      await runGeneratorOver(deps.generator, [
        ...installed.value,
        ...candidates,
      ]),
    );
    return done(verdict.ok, verdict.output, verdict.exitCode);
  };
}
