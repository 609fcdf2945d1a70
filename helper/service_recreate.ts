/**
 * `stack_service_recreate`: a new container for one service of a stack, its other services untouched. Neither
 * podman-compose 1.0.3 nor 1.3.0 honours `up --no-deps` (their `up` always takes the service's dependencies
 * along), so `up --force-recreate <service>` would also remove and recreate the containers it depends on, and
 * with them the network namespace of every service sharing it. Instead the service's own containers are
 * removed with podman, then `up -d --no-deps <service>` creates it again; a dependency that already runs is
 * left as it is by both versions. Judged like `stack_up`: by the project's containers as `podman ps` lists them.
 */
import { STACK_STATUS_MARKER, type StackStatus } from "../shared/helper_protocol.ts";
import { quote, validateServiceName } from "./validate.ts";
import { COMPOSE_MAX_BYTES, composeArgs, type Stack, type StackDeps, timeoutArgs } from "./compose_ops.ts";
import { allServices, parsePsJson, projectPsArgs, type PsContainer } from "./compose_status.ts";
import { readRegularFile } from "./fs.ts";
import { done, joinStreams, type OpOutcome, rejected } from "./outcome.ts";
import { TIMEOUT_EXIT_CODE } from "./run_command.ts";

/** Pure: the service's containers must all run, at least one, and none of them be one removed before. */
export function judgeRecreated(
  stack: string,
  service: string,
  removedIds: readonly string[],
  containers: readonly PsContainer[],
): { ok: boolean; status: StackStatus } {
  const mine = containers.filter((c) => c.service === service);
  const fresh = mine.filter((c) => c.state === "running" && !removedIds.includes(c.id));
  const okNow = mine.length > 0 && fresh.length === mine.length;
  return {
    ok: okNow,
    status: {
      stack,
      containers: containers.map((c) => ({ name: c.name, service: c.service, state: c.state })),
      missing_services: okNow ? [] : [service],
    },
  };
}

async function serviceContainers(deps: StackDeps, stack: Stack) {
  const ps = await deps.runner("podman", projectPsArgs(stack.name), { cwd: stack.dir });
  return { ps, parsed: parsePsJson(ps.stdout) };
}

export async function recreateService(deps: StackDeps, stack: Stack, value: unknown): Promise<OpOutcome> {
  const service = validateServiceName(value);
  if (!service.ok) return rejected(service.error);
  let text: string;
  try {
    text = await readRegularFile(deps.fs, stack.composeFile, COMPOSE_MAX_BYTES);
  } catch (e) {
    return done(false, `Cannot read "${stack.composeFile}": ${(e as Error).message}`, 1);
  }
  if (!allServices(text).includes(service.value)) {
    return rejected(
      `Invalid argument "service": ${quote(service.value)} is not a service of "${stack.composeFile}"`,
    );
  }
  const before = await serviceContainers(deps, stack);
  if (!before.parsed.ok) return done(false, `${before.parsed.error}\n${before.ps.stderr}`.trim(), 1);
  const old = before.parsed.value.filter((c) => c.service === service.value).map((c) => c.id);
  const parts: string[] = [];
  if (old.length > 0) {
    const rm = await deps.runner("podman", ["rm", "--force", ...timeoutArgs(deps), ...old], {
      cwd: stack.dir,
    });
    parts.push(joinStreams(rm.stdout, rm.stderr));
    if (rm.timedOut) return done(false, `Timed out: ${parts.join("\n")}`, TIMEOUT_EXIT_CODE);
  }
  const up = await deps.runner(
    "podman-compose",
    composeArgs(stack, "up", "-d", "--no-deps", service.value),
    { cwd: stack.dir },
  );
  parts.push(joinStreams(up.stdout, up.stderr));
  const after = await serviceContainers(deps, stack);
  if (!after.parsed.ok) return done(false, `${parts.join("\n")}\n${after.parsed.error}`.trim(), 1);
  const verdict = judgeRecreated(stack.name, service.value, old, after.parsed.value);
  const output = `${parts.filter((p) => p !== "").join("\n")}\n${STACK_STATUS_MARKER}\n${
    JSON.stringify(verdict.status)
  }`.trimStart();
  if (up.timedOut) return done(false, `Timed out: ${output}`, TIMEOUT_EXIT_CODE);
  return done(verdict.ok, output, verdict.ok ? 0 : 1);
}
