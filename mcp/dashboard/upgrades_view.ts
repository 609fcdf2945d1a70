/**
 * The upgrades panel's data: the upgrade service's last report as it is (never a new check: a page load must
 * not ask the registries). Absent when ARR_TOOLSETS leaves the upgrades family out.
 */
import type { UpgradeLine, UpgradesView } from "../../templates/upgrades_panel.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import type { UpgradeReport } from "../upgrades/upgrade_service.ts";
import { upgradeServiceOf } from "../upgrades/upgrade_tools.ts";

export function upgradesView(report: UpgradeReport | null): UpgradesView {
  return {
    checked_at: report?.checked_at ?? null,
    upgrades: report?.upgrades ?? [],
    not_checked: report?.errors.length ?? 0,
  };
}

export function dashboardUpgrades(deps: ToolDeps): UpgradesView | undefined {
  if (deps.config.toolsets !== undefined && !deps.config.toolsets.includes("upgrades")) return undefined;
  return upgradesView(upgradeServiceOf(deps).latest());
}

/** One container's upgrade in a view (by name), or null. */
export function upgradeOf(view: UpgradesView, container: string): UpgradeLine | null {
  return view.upgrades.find((u) => u.container === container) ?? null;
}
