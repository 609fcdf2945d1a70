/**
 * The arr-helper wire protocol, shared by the helper (server) and arr-mcp (client).
 * HTTP/1.1 over a Unix socket: `POST /command` with `{"op": "<name>", "args": {...}}`.
 * 200 `{"ok": true|false, "output": "...", "exit_code": N}` when the op ran (ok=false: it ran and failed);
 * 400 `{"ok": false, "error": "...", "exit_code": 1}` for malformed JSON, an unknown op or an invalid argument;
 * 404 for any other path or method; 413 for a body over 128 KiB. Size limits: shared/limits.ts.
 */
import { z } from "zod";

export const STACK_OPS = [
  "stack_up",
  "stack_down",
  "stack_pull",
  "stack_restart",
  "stack_service_recreate",
  "compose_validate",
] as const;
export const SYSTEMD_OPS = [
  "systemd_start",
  "systemd_stop",
  "systemd_restart",
  "systemd_status",
  "systemd_daemon_reload",
] as const;
export const QUADLET_OPS = [
  "quadlet_read",
  "quadlet_write",
  "quadlet_list",
  "quadlet_delete",
  "quadlet_validate",
] as const;
export const HELPER_OPS = [...STACK_OPS, ...SYSTEMD_OPS, ...QUADLET_OPS, "info"] as const;
export type HelperOp = typeof HELPER_OPS[number];

export const QUADLET_TYPES = ["container", "pod", "network", "volume", "kube", "image", "build"] as const;
export type QuadletType = typeof QUADLET_TYPES[number];

export const HelperRequest = z.object({
  op: z.string(),
  args: z.record(z.string(), z.unknown()).default({}),
});
export type HelperRequest = z.infer<typeof HelperRequest>;

export const HelperSuccess = z.object({
  ok: z.boolean(),
  output: z.string(),
  exit_code: z.number().int(),
});
export type HelperSuccess = z.infer<typeof HelperSuccess>;

export const HelperRejection = z.object({
  ok: z.literal(false),
  error: z.string(),
  exit_code: z.number().int(),
});
export type HelperRejection = z.infer<typeof HelperRejection>;

/** What the `info` op's `output` holds, as JSON text. `null` means the tool was not found on the host. */
export const HelperInfo = z.object({
  helper_version: z.string(),
  podman: z.string().nullable(),
  podman_compose: z.string().nullable(),
  quadlet: z.string().nullable(),
  stacks_dir: z.string(),
  quadlet_dir: z.string(),
});
export type HelperInfo = z.infer<typeof HelperInfo>;

/** Unit file suffixes the systemd ops accept (`systemd_start` … `systemd_status`). */
export const SYSTEMD_UNIT_SUFFIXES = ["service", "timer", "socket", "target", "path"] as const;

/** Which `args` each op takes; every other key is rejected. `optional` keys may be left out. */
export const HELPER_OP_ARGS: Record<HelperOp, { required: readonly string[]; optional: readonly string[] }> =
  {
    stack_up: { required: ["stack"], optional: [] },
    stack_down: { required: ["stack"], optional: [] },
    stack_pull: { required: ["stack"], optional: [] },
    stack_restart: { required: ["stack"], optional: [] },
    stack_service_recreate: { required: ["stack", "service"], optional: [] },
    compose_validate: { required: ["stack"], optional: [] },
    systemd_start: { required: ["unit"], optional: [] },
    systemd_stop: { required: ["unit"], optional: [] },
    systemd_restart: { required: ["unit"], optional: [] },
    systemd_status: { required: ["unit"], optional: [] },
    systemd_daemon_reload: { required: [], optional: [] },
    quadlet_read: { required: ["name", "type"], optional: [] },
    quadlet_write: { required: ["name", "type", "content"], optional: [] },
    quadlet_list: { required: [], optional: ["type"] },
    quadlet_delete: { required: ["name", "type"], optional: [] },
    quadlet_validate: { required: ["units"], optional: [] },
    info: { required: [], optional: [] },
  };

/** One entry of `quadlet_validate`'s `units`: a candidate unit, checked like `quadlet_write`'s arguments. */
export const QuadletValidateUnit = z.object({
  name: z.string(),
  type: z.enum(QUADLET_TYPES),
  content: z.string(),
});
export type QuadletValidateUnit = z.infer<typeof QuadletValidateUnit>;

/** One entry of the `quadlet_list` op's `output`, which is JSON text of an array of these, sorted by file. */
export const QuadletListEntry = z.object({
  name: z.string(),
  type: z.enum(QUADLET_TYPES),
  file: z.string(),
  size: z.number().int(),
  modified: z.string().nullable(),
});
export type QuadletListEntry = z.infer<typeof QuadletListEntry>;

/**
 * What `stack_up`, `stack_down`, `stack_restart` and `stack_service_recreate` append to `output` after podman-compose's own text
 * (podman-compose always exits 0, so `ok` comes from `podman-compose ps`): a line `--- status ---`
 * followed by one JSON line of this shape.
 */
export const StackStatus = z.object({
  stack: z.string(),
  containers: z.array(z.object({ name: z.string(), service: z.string(), state: z.string() })),
  missing_services: z.array(z.string()),
});
export type StackStatus = z.infer<typeof StackStatus>;
export const STACK_STATUS_MARKER = "--- status ---";
