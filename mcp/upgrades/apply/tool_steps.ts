/**
 * What upgrade_apply and upgrade_rollback share: who recreates a container (its manager, as the operation
 * the token is bound to), the check that the image can be changed in its file, and the steps wired to the
 * real parts (Podman's image API, the compose file layer or arr-helper, the gate, the audit log).
 */
import { err, ok, type Result } from "../../../shared/result.ts";
import { sha256Hex } from "../../../shared/encoding.ts";
import { readCompose } from "../../fs/stack_files.ts";
import type { ToolDeps } from "../../toolkit/deps.ts";
import { helperOutput } from "../../toolkit/helper_failure.ts";
import type { ToolFailure } from "../../toolkit/tool_result.ts";
import type { ContainerImageFacts } from "../image_facts.ts";
import { managerOf } from "../manager.ts";
import { waitForGate } from "./health_gate.ts";
import { setComposeImage, setQuadletImage } from "./image_edit.ts";
import { composeIo, quadletIo } from "./manager_io.ts";
import type { PodmanImages } from "./podman_images.ts";
import type { UpgradeIo } from "./run_upgrade.ts";

export type ManagerOp = { kind: "compose"; stack: string; service: string } | {
  kind: "quadlet";
  unit: string;
};

type StepDeps = Pick<ToolDeps, "fs" | "config" | "helper" | "clock" | "audit">;

export const conflict = (message: string): ToolFailure => ({ kind: "conflict", message });

/** Who recreates the container, or why nothing can. */
export function managerOpOf(f: ContainerImageFacts): Result<ManagerOp, ToolFailure> {
  const m = managerOf(f.labels);
  if (m.managedBy === "compose") {
    return ok({ kind: "compose", stack: m.stack, service: m.service ?? f.container });
  }
  if (m.managedBy === "quadlet") return ok({ kind: "quadlet", unit: m.unit });
  return err({
    kind: "unsupported",
    message: `${f.container} is not managed by a quadlet unit or a compose stack: nothing can recreate it ` +
      `with its settings; upgrade_plan says how to bring it under one`,
  });
}

/** The sha256 of the file whose image changes, after checking the change applies to it. */
export async function checkImageFile(
  deps: StepDeps,
  op: ManagerOp,
  from: string,
  to: string,
): Promise<Result<string, ToolFailure>> {
  if (op.kind === "compose") {
    const r = await readCompose(deps.fs, deps.config.stacksDir, op.stack);
    if (!r.ok) return r;
    if (r.value.content === null || r.value.sha256 === null) {
      return err({ kind: "not_found", message: `Stack "${op.stack}" has no compose file` });
    }
    const edited = setComposeImage(r.value.content, op.service, from, to);
    return edited.ok ? ok(r.value.sha256) : err(conflict(edited.error));
  }
  const name = op.unit.replace(/\.service$/, "");
  const read = helperOutput(
    `read ${name}.container`,
    await deps.helper.call("quadlet_read", { name, type: "container" }),
  );
  if (!read.ok) return read;
  const edited = setQuadletImage(read.value, from, to);
  return edited.ok ? ok(sha256Hex(read.value)) : err(conflict(edited.error));
}

/** The steps of one call, each audited under one call id as it ends. */
export function upgradeIo(
  deps: StepDeps,
  call: {
    tool: string;
    container: string;
    api: PodmanImages;
    manager: ManagerOp;
    gateS: number;
    sleep: (ms: number) => Promise<void>;
  },
): UpgradeIo {
  const { api, container, manager } = call;
  const callId = crypto.randomUUID();
  return {
    pull: (ref) => api.pull(ref),
    tag: (source, target) => api.tag(source, target),
    ...(manager.kind === "compose"
      ? composeIo({ fs: deps.fs, stacksDir: deps.config.stacksDir, helper: deps.helper }, manager)
      : quadletIo({ helper: deps.helper }, manager.unit)),
    gate: (imageId) =>
      waitForGate({ observe: () => api.observe(container), now: () => deps.clock.now(), sleep: call.sleep }, {
        imageId,
        gateS: call.gateS,
      }),
    note: (phase, s) =>
      deps.audit.record({
        callId,
        tool: call.tool,
        phase: s.ok ? "succeeded" : "failed",
        args: { container, phase, step: s.step },
        detail: s.detail,
      }),
  };
}
