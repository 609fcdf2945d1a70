/**
 * systemd --user tools through arr-helper: start, stop, restart (gated by unit_gate.ts; stop and restart of a
 * running unit confirmed), status of any unit, daemon-reload. Helper output is redacted (toolkit/helper_failure).
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { SYSTEMD_UNIT_SUFFIXES } from "../../shared/helper_protocol.ts";
import { UNIT_NAME_PATTERN } from "../../shared/names.ts";
import { err, ok, type Result } from "../../shared/result.ts";
import { defineConfirmedTool, type Plan } from "../toolkit/confirm_tool.ts";
import { defineTool } from "../toolkit/define_tool.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import { helperFailure, helperOutput, tailText } from "../toolkit/helper_failure.ts";
import { NULL } from "../toolkit/portable_schema.ts";
import type { ToolFailure } from "../toolkit/tool_result.ts";
import { gateUnit } from "./unit_gate.ts";

const unitField = z.string().min(1).max(255).describe("e.g. sonarr.service (bare name: .service)");

/** Adds `.service` to a bare name and checks the result. */
export function normaliseUnit(name: string): Result<string, ToolFailure> {
  const unit = SYSTEMD_UNIT_SUFFIXES.some((s) => name.endsWith(`.${s}`)) ? name : `${name}.service`;
  if (!UNIT_NAME_PATTERN.test(unit)) {
    return err({
      kind: "invalid_argument",
      message: `Invalid unit "${name}": expected a unit name like web.service`,
    });
  }
  return ok(unit);
}

/** `active`, `inactive`, `failed` … from `systemctl status` text, or null when it cannot be told. */
export function activeState(statusText: string): string | null {
  const m = /^\s*Active:\s*([a-z-]+)/m.exec(statusText) ?? /^([a-z-]+)\s*$/m.exec(statusText.trim());
  return m?.[1] ?? null;
}

const opOutput = { unit: z.string(), output: z.string() };

export function registerSystemdTools(server: McpServer, deps: ToolDeps): void {
  const { helper } = deps;

  defineTool(server, deps, {
    name: "systemd_start",
    title: "Start a systemd user unit",
    description:
      "Starts a user unit of the user's quadlets (e.g. sonarr.service) or ARR_SYSTEMD_UNITS; others are " +
      "refused. After quadlet changes, systemd_daemon_reload first.",
    input: { unit: unitField },
    output: opOutput,
    access: "write",
    idempotent: true,
    run: async ({ unit }: { unit: string }) => {
      const u = normaliseUnit(unit);
      if (!u.ok) return u;
      const gate = await gateUnit(deps, u.value);
      if (!gate.ok) return gate;
      const out = helperOutput(`start ${u.value}`, await helper.call("systemd_start", { unit: u.value }));
      return out.ok ? ok({ unit: u.value, output: tailText(out.value) }) : out;
    },
  });

  /** The plan both stop and restart make: gate the unit, read its state, confirm unless it is not running. */
  const planChange = async (
    verb: "Stop" | "Restart",
    unit: string,
    stillStates: readonly string[],
  ): Promise<Result<Plan<{ unit: string }>, ToolFailure>> => {
    const u = normaliseUnit(unit);
    if (!u.ok) return u;
    const gate = await gateUnit(deps, u.value);
    if (!gate.ok) return gate;
    const status = await helper.call("systemd_status", { unit: u.value });
    if (!status.ok) return err(helperFailure(status.error));
    const state = activeState(status.value.output);
    return ok({
      operation: { unit: u.value },
      summary: `${verb} ${u.value} (currently ${state ?? "in an unknown state"})`,
      details: { unit: u.value, active_state: state },
      needsConfirmation: state === null || !stillStates.includes(state),
    });
  };

  defineConfirmedTool(server, deps, {
    name: "systemd_restart",
    title: "Restart a systemd user unit",
    description: "Restarts a user unit of the user's quadlets or ARR_SYSTEMD_UNITS (starts it if stopped; " +
      "others refused).",
    destructiveWhen: "if it is running",
    input: { unit: unitField },
    output: opOutput,
    idempotent: false,
    plan: ({ unit }: { unit: string }) => planChange("Restart", unit, ["inactive", "failed"]),
    execute: async ({ unit }: { unit: string }) => {
      const out = helperOutput(`restart ${unit}`, await helper.call("systemd_restart", { unit }));
      return out.ok ? ok({ unit, output: tailText(out.value) }) : out;
    },
  });

  defineConfirmedTool(server, deps, {
    name: "systemd_stop",
    title: "Stop a systemd user unit",
    description: "Stops a user unit of the user's quadlets or ARR_SYSTEMD_UNITS (others are refused).",
    destructiveWhen: "unless it is inactive",
    input: { unit: unitField },
    output: opOutput,
    idempotent: true,
    plan: ({ unit }: { unit: string }) => planChange("Stop", unit, ["inactive"]),
    execute: async ({ unit }: { unit: string }) => {
      const out = helperOutput(`stop ${unit}`, await helper.call("systemd_stop", { unit }));
      return out.ok ? ok({ unit, output: tailText(out.value) }) : out;
    },
  });

  defineTool(server, deps, {
    name: "systemd_status",
    title: "Status of a systemd user unit",
    description:
      "systemctl --user status of any unit (redacted): active state, since when, main PID, recent " +
      "lines.",
    input: { unit: unitField },
    output: {
      unit: z.string(),
      active_state: z.string().or(NULL),
      output: z.string(),
    },
    access: "read",
    idempotent: true,
    run: async ({ unit }: { unit: string }) => {
      const u = normaliseUnit(unit);
      if (!u.ok) return u;
      const r = await helper.call("systemd_status", { unit: u.value });
      if (!r.ok) return err(helperFailure(r.error));
      // `systemctl status` exits non-zero for inactive units: that is an answer, not a failure.
      return ok({
        unit: u.value,
        active_state: activeState(r.value.output),
        output: tailText(r.value.output),
      });
    },
  });

  defineTool(server, deps, {
    name: "systemd_daemon_reload",
    title: "Reload systemd user units",
    description: "systemctl --user daemon-reload: picks up new or changed unit and quadlet files (needed " +
      "after quadlet_write and quadlet_delete).",
    input: {},
    output: { output: z.string() },
    access: "write",
    idempotent: true,
    run: async () => {
      const out = helperOutput("reload systemd", await helper.call("systemd_daemon_reload", {}));
      return out.ok ? ok({ output: tailText(out.value) }) : out;
    },
  });
}
