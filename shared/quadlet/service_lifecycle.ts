/** depends_on, restart, stop_grace_period, stop_signal, init. */
import { requireService, unitBase } from "./context.ts";
import { durationSeconds } from "./duration.ts";
import { InvalidValue } from "./failure.ts";
import type { Handler } from "./service_scope.ts";
import { escapeSystemd } from "./systemd_quote.ts";
import { addField } from "./unit_file.ts";
import { bool, isMapping, list, scalar } from "./values.ts";

const CONDITIONS = new Set(["service_started", "service_healthy", "service_completed_successfully"]);

export const dependsOn: Handler = (value, s, key) => {
  const deps: [string, Record<string, unknown>][] = Array.isArray(value)
    ? list(value, key).map((d, i) => [scalar(d, `${key}[${i}]`), {}])
    : isMapping(value)
    ? Object.entries(value).map(([d, o]) => [d, isMapping(o) ? o : {}])
    : (() => {
      throw new InvalidValue(key, "Cannot read value: expected a list or a mapping of services");
    })();
  for (const [dep, opts] of deps) {
    const depKey = `${key}.${dep}`;
    const condition = opts["condition"] === undefined ? "service_started" : scalar(opts["condition"], depKey);
    if (!CONDITIONS.has(condition)) {
      throw new InvalidValue(`${depKey}.condition`, `Cannot use condition "${condition}": unknown condition`);
    }
    const required = opts["required"] === undefined ? true : bool(opts["required"], `${depKey}.required`);
    // Compose skips an optional dependency that is not started; a required one must be converted too.
    if (!required && s.ctx.inactive.has(dep)) continue;
    requireService(s.ctx, dep, depKey, `Cannot depend on "${dep}"`);
    const unit = `${unitBase(s.ctx, dep)}.service`;
    addField(s.draft, "Unit", required ? "Requires" : "Wants", unit);
    addField(s.draft, "Unit", "After", unit);
    if (condition === "service_healthy") s.ctx.healthWaitedOn.add(dep);
    if (condition === "service_completed_successfully") s.ctx.completionWaitedOn.add(dep);
  }
};

export const restart: Handler = (value, s, key) => {
  const policy = scalar(value, key);
  const onFailure = /^on-failure(?::(\d+))?$/.exec(policy);
  if (policy === "no") {
    addField(s.draft, "Service", "Restart", "no");
  } else if (policy === "always" || policy === "unless-stopped") {
    addField(s.draft, "Service", "Restart", "always");
    addField(s.draft, "Install", "WantedBy", "default.target");
  } else if (onFailure) {
    addField(s.draft, "Service", "Restart", "on-failure");
    if (onFailure[1] !== undefined) {
      s.w.warnOnce(
        `service "${s.name}": restart "${policy}": the retry limit is not converted (systemd uses StartLimitBurst=)`,
      );
    }
  } else {
    throw new InvalidValue(
      key,
      `Cannot use restart "${policy}": expected no, always, on-failure or unless-stopped`,
    );
  }
};

export const stopGracePeriod: Handler = (value, s, key) => {
  const text = scalar(value, key);
  const seconds = durationSeconds(text);
  if (seconds === undefined) {
    throw new InvalidValue(key, `Cannot parse duration "${text}": expected e.g. 30s or 1m30s`);
  }
  s.w.put("StopTimeout", String(seconds));
};

export const stopSignal: Handler = (value, s, key) =>
  s.w.put("StopSignal", escapeSystemd(scalar(value, key)));

export const init: Handler = (value, s, key) => {
  if (bool(value, key)) s.w.put("RunInit", "true");
};
