/**
 * Alert tool family: alerts_recent, alerts_check_now, alert_rules_list (read), alert_rule_set and notify_test
 * (write, not destructive). Everything goes through ToolDeps.alerts (the engine main.ts starts).
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import type { AlertsPort } from "../toolkit/alerts_port.ts";
import { defineTool, type ToolOutcome } from "../toolkit/define_tool.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import { NULL } from "../toolkit/portable_schema.ts";

const severity = z.enum(["info", "warning", "critical"]);
const alertOutput = z.object({
  id: z.string(),
  rule: z.string(),
  subject: z.string().describe("Download id, container, service or path"),
  severity,
  message: z.string(),
  first_seen: z.string(),
  last_seen: z.string(),
  resolved_at: z.string().or(NULL),
});
const ruleOutput = z.object({
  name: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  threshold: z.number().or(NULL),
  threshold_unit: z.string().or(NULL),
  cooldown_seconds: z.number(),
});
const findingOutput = z.object({ rule: z.string(), subject: z.string(), severity, message: z.string() });

function withAlerts<A, R>(
  deps: ToolDeps,
  body: (alerts: AlertsPort, args: A) => Promise<ToolOutcome<R>>,
): (args: A) => Promise<ToolOutcome<R>> {
  return (args) =>
    deps.alerts ? body(deps.alerts, args) : Promise.resolve({
      ok: false,
      error: {
        kind: "unavailable",
        message: "The alert watcher is not running in this server (see docs/alerts.md)",
      },
    });
}

export function registerAlertTools(server: McpServer, deps: ToolDeps): void {
  defineTool(server, deps, {
    name: "alerts_recent",
    title: "Recent alerts",
    description: "Alerts the background watcher raised (stuck or failed downloads, low disk, services or " +
      "containers down), newest first, with a likely cause.",
    input: {
      state: z.enum(["open", "resolved", "all"]).default("open").describe("Which alerts"),
      limit: z.number().int().min(1).max(500).default(50).describe("At most this many"),
    },
    output: { alerts: z.array(alertOutput) },
    access: "read",
    idempotent: true,
    run: withAlerts(
      deps,
      (alerts, args) =>
        Promise.resolve({ ok: true, value: { alerts: alerts.recent(args.state, args.limit) } }),
    ),
  });

  defineTool(server, deps, {
    name: "alerts_check_now",
    title: "Run alert checks now",
    description:
      "Runs every enabled alert rule now and returns what it finds (also opens and resolves alerts).",
    input: {},
    output: {
      checked_at: z.string(),
      findings: z.array(findingOutput),
      opened: z.number(),
      resolved: z.number(),
      problems: z.array(z.string()).describe("Sources that could not be read"),
    },
    access: "read",
    idempotent: true,
    openWorld: true,
    run: withAlerts(deps, async (alerts) => ({ ok: true, value: await alerts.checkNow() })),
  });

  defineTool(server, deps, {
    name: "alert_rules_list",
    title: "Alert rules",
    description: "The alert rules with their thresholds, cooldowns and whether each is enabled.",
    input: {},
    output: { rules: z.array(ruleOutput) },
    access: "read",
    idempotent: true,
    run: withAlerts(deps, (alerts) => Promise.resolve({ ok: true, value: { rules: alerts.rules() } })),
  });

  defineTool(server, deps, {
    name: "alert_rule_set",
    title: "Change an alert rule",
    description: "Enables or disables an alert rule or sets its threshold or per-subject cooldown (kept).",
    input: {
      rule: z.string().describe("Rule name from alert_rules_list"),
      enabled: z.boolean().optional().describe("On or off; off resolves its open alerts"),
      threshold: z.number().min(0).optional().describe("In the rule's threshold_unit"),
      cooldown_seconds: z.number().int().min(0).max(30 * 86400).optional()
        .describe("Least time between notices for one subject"),
    },
    output: { rule: ruleOutput },
    access: "write",
    idempotent: true,
    run: withAlerts(deps, (alerts, args) => {
      const set = alerts.setRule(args.rule, {
        ...(args.enabled !== undefined ? { enabled: args.enabled } : {}),
        ...(args.threshold !== undefined ? { threshold: args.threshold } : {}),
        ...(args.cooldown_seconds !== undefined ? { cooldown_seconds: args.cooldown_seconds } : {}),
      });
      return Promise.resolve(
        set.ok
          ? { ok: true, value: { rule: set.value } }
          : { ok: false, error: { kind: "invalid", message: set.error } },
      );
    }),
  });

  defineTool(server, deps, {
    name: "notify_test",
    title: "Test notifications",
    description: "Sends a test message to each ARR_NOTIFY_URLS channel and reports each outcome.",
    input: {},
    output: {
      channels: z.array(z.object({
        channel: z.string().describe("Scheme and host"),
        ok: z.boolean(),
        attempts: z.number(),
        error: z.string().or(NULL),
      })),
    },
    access: "write",
    idempotent: false,
    openWorld: true,
    run: withAlerts(deps, async (alerts) => ({ ok: true, value: { channels: await alerts.notifyTest() } })),
  });
}
