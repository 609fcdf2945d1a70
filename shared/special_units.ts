/**
 * systemd units that arr-helper never starts, stops or restarts, whoever asks: the manager's own special targets
 * and services (systemd.special(7)). Starting `exit.target` in a user manager ends every user service, the media
 * stack and arr-helper itself; stopping `default.target` stops everything it pulls in. Reading their status is
 * harmless and stays allowed.
 */
export const SPECIAL_TARGETS: ReadonlySet<string> = new Set([
  "basic.target",
  "ctrl-alt-del.target",
  "default.target",
  "emergency.target",
  "exit.target",
  "final.target",
  "graphical-session.target",
  "graphical-session-pre.target",
  "graphical.target",
  "halt.target",
  "hibernate.target",
  "hybrid-sleep.target",
  "initrd.target",
  "kexec.target",
  "multi-user.target",
  "paths.target",
  "poweroff.target",
  "reboot.target",
  "rescue.target",
  "shutdown.target",
  "sleep.target",
  "slices.target",
  "sockets.target",
  "soft-reboot.target",
  "suspend-then-hibernate.target",
  "suspend.target",
  "sysinit.target",
  "system-update.target",
  "timers.target",
  "umount.target",
]);

/**
 * Why `unit` may not change state (completing "it is …"), or null when it may. Besides the special targets, systemd's own services
 * (`systemd-exit.service`, `systemd-poweroff.service` …) and arr-helper's own unit are refused: stopping the
 * helper through itself would leave arr-mcp without a way back.
 */
export function refusedUnitReason(unit: string): string | null {
  if (SPECIAL_TARGETS.has(unit)) {
    return "a systemd special unit, and changing its state affects the whole user session";
  }
  if (unit.startsWith("systemd-")) return "one of systemd's own units";
  if (unit === "arr-helper.service") return "arr-helper itself (manage it from a shell)";
  return null;
}
