/**
 * The fixed dispatch table: every op the helper can run, nothing else. Each entry validates its arguments
 * first. Ops that change something run under a lock (one op at a time per stack, per unit, and for quadlet
 * changes); read-only ops (quadlet_list, quadlet_read, quadlet_validate, systemd_status, info) take no lock,
 * so they never wait behind a slow stack or unit operation.
 */
import type { HelperOp } from "../shared/helper_protocol.ts";
import type { Result } from "../shared/result.ts";
import { quadletUnsupported } from "../shared/quadlet/host_support.ts";
import { refusedUnitReason } from "../shared/special_units.ts";
import { createStackOps, type Stack } from "./compose_ops.ts";
import type { HelperFs } from "./fs.ts";
import { collectInfo } from "./info.ts";
import { createInfoCache } from "./info_cache.ts";
import { createKeyedLock } from "./keyed_lock.ts";
import { done, type Operation, type OpOutcome, type OpTrace, rejected } from "./outcome.ts";
import { createGeneratorCheck, type GeneratorCheckDeps } from "./quadlet_check.ts";
import { createQuadletStore, type FileError } from "./quadlet_files.ts";
import { createQuadletValidate, NO_GENERATOR_EXIT_CODE, NO_GENERATOR_MESSAGE } from "./quadlet_validate.ts";
import type { Runner } from "./run_command.ts";
import { recreateService } from "./service_recreate.ts";
import { runSystemctl, type SystemdVerb } from "./systemd_ops.ts";
import {
  validateQuadletContent,
  validateQuadletName,
  validateQuadletType,
  validateStackName,
  validateUnitName,
} from "./validate.ts";

export interface OperationDeps {
  runner: Runner;
  fs: HelperFs;
  now: () => Date;
  stacksDir: string;
  quadletDir: string;
  /** Absolute path of the quadlet generator, or null. */
  generator: string | null;
  /** Private scratch folder (the socket's folder) for generator checks. */
  workDir: string;
  stopTimeoutS: number | null;
}

function fileOutcome(result: Result<string, FileError>): OpOutcome {
  if (result.ok) return done(true, result.value, 0);
  return result.error.kind === "invalid"
    ? rejected(result.error.message)
    : done(false, result.error.message, 1);
}

export function createOperations(deps: OperationDeps): Record<HelperOp, Operation> {
  const lock = createKeyedLock();
  let seq = 0;
  function serialized(key: string, trace: OpTrace, task: () => Promise<OpOutcome>): Promise<OpOutcome> {
    return lock(key, async () => {
      trace.seqStart = ++seq;
      try {
        return await task();
      } finally {
        trace.seqEnd = ++seq;
      }
    });
  }

  const stacks = createStackOps(deps);
  // The lock is taken synchronously on the checked name, so ops on a stack queue in the order they arrived;
  // the file checks then run inside it.
  const stackOp = (run: (stack: Stack) => Promise<OpOutcome>): Operation => (args, trace) => {
    const name = validateStackName(args.stack);
    if (!name.ok) return Promise.resolve(rejected(name.error));
    return serialized(`stack:${name.value}`, trace, async () => {
      const stack = await stacks.resolve(args);
      return stack.ok ? run(stack.value) : rejected(stack.error);
    });
  };

  const unitOp = (verb: SystemdVerb): Operation => (args, trace) => {
    const unit = validateUnitName(args.unit);
    if (!unit.ok) return Promise.resolve(rejected(unit.error));
    // Status only reads: it answers even while a start/stop of the same unit waits for systemd.
    if (verb === "status") return runSystemctl(deps.runner, verb, unit.value);
    const refused = refusedUnitReason(unit.value);
    if (refused !== null) {
      return Promise.resolve(rejected(`Refused to ${verb} "${unit.value}": it is ${refused}`));
    }
    return serialized(`unit:${unit.value}`, trace, () => runSystemctl(deps.runner, verb, unit.value));
  };
  const info = createInfoCache(() => collectInfo(deps.runner, deps), { now: () => deps.now().getTime() });

  const generator: GeneratorCheckDeps | null = deps.generator === null ? null : {
    runner: deps.runner,
    generator: deps.generator,
    fs: deps.fs,
    workDir: deps.workDir,
  };
  const store = createQuadletStore({
    fs: deps.fs,
    dir: deps.quadletDir,
    now: deps.now,
    check: generator === null ? null : createGeneratorCheck(generator),
  });
  /** The validated `<name>.<type>` file name, or the rejection. */
  function quadletFile(args: Record<string, unknown>): Result<string, string> {
    const type = validateQuadletType(args.type);
    if (!type.ok) return type;
    const name = validateQuadletName(args.name, type.value);
    return name.ok ? { ok: true, value: `${name.value}.${type.value}` } : name;
  }

  return {
    stack_up: stackOp(stacks.up),
    stack_down: stackOp(stacks.down),
    stack_pull: stackOp(stacks.pull),
    stack_restart: stackOp(stacks.restart),
    stack_service_recreate: (args, trace) =>
      stackOp((stack) => recreateService(deps, stack, args.service))(args, trace),
    compose_validate: stackOp(stacks.validate),
    systemd_start: unitOp("start"),
    systemd_stop: unitOp("stop"),
    systemd_restart: unitOp("restart"),
    systemd_status: unitOp("status"),
    systemd_daemon_reload: (_args, trace) =>
      serialized("systemd:daemon-reload", trace, () => runSystemctl(deps.runner, "daemon-reload", null)),
    async quadlet_read(args) {
      const file = quadletFile(args);
      return file.ok ? fileOutcome(await store.read(file.value)) : rejected(file.error);
    },
    async quadlet_write(args, trace) {
      const file = quadletFile(args);
      if (!file.ok) return rejected(file.error);
      const content = validateQuadletContent(args.content);
      if (!content.ok) return rejected(content.error);
      // Without a generator a quadlet file does nothing on this host: say why and what to install.
      if (deps.generator === null) {
        const host = await info();
        return done(
          false,
          quadletUnsupported({ ...host, quadlet: null }) ?? NO_GENERATOR_MESSAGE,
          NO_GENERATOR_EXIT_CODE,
        );
      }
      return await serialized(
        "quadlets",
        trace,
        async () => fileOutcome(await store.write(file.value, content.value)),
      );
    },
    async quadlet_list(args) {
      let type = null;
      if (args.type !== undefined) {
        const checked = validateQuadletType(args.type);
        if (!checked.ok) return rejected(checked.error);
        type = checked.value;
      }
      const listed = await store.list(type);
      return listed.ok ? done(true, JSON.stringify(listed.value), 0) : fileOutcome(listed);
    },
    quadlet_delete(args, trace) {
      const file = quadletFile(args);
      if (!file.ok) return Promise.resolve(rejected(file.error));
      return serialized("quadlets", trace, async () => fileOutcome(await store.remove(file.value)));
    },
    // Read-only, like quadlet_read: no lock, it never changes the quadlet folder.
    quadlet_validate: createQuadletValidate({ store, generator }),
    async info() {
      return done(true, JSON.stringify(await info()), 0);
    },
  };
}
