/**
 * Security options that turn confinement off. One parser for compose `security_opt` (`seccomp:unconfined`,
 * `label=disable`), podman `--security-opt` and the quadlet keys, which are read as the option they stand for.
 */
import type { FlagSink } from "./flag_sink.ts";

/** SELinux types that keep a container confined. */
const CONFINED_LABEL_TYPES = new Set(["container_t", "container_init_t"]);

/** What the option turns off, as a predicate for the dialog, or undefined when it keeps confinement. */
export function securityOptConcern(option: string): string | undefined {
  const text = option.trim();
  const at = text.search(/[=:]/);
  const name = (at < 0 ? text : text.slice(0, at)).trim();
  const arg = at < 0 ? "" : text.slice(at + 1).trim();
  switch (name) {
    case "seccomp":
      if (arg === "unconfined") return "turns off its seccomp system-call filter.";
      if (arg !== "") return `replaces Podman's seccomp filter with the profile ${arg}.`;
      return undefined;
    case "apparmor":
      return arg === "unconfined" ? "turns off its AppArmor profile." : undefined;
    case "label": {
      if (arg === "disable") return "turns off SELinux separation.";
      const type = /^type:(.*)$/.exec(arg)?.[1]?.trim();
      if (type !== undefined && !CONFINED_LABEL_TYPES.has(type)) {
        return `runs with the SELinux type ${type} instead of the confined container type.`;
      }
      return undefined;
    }
    case "systempaths":
      return arg === "unconfined" ? "gets unmasked, writable /proc and /sys paths." : undefined;
    case "unmask":
      return arg === "" ? undefined : `unmasks kernel paths that Podman hides (${arg}).`;
    default:
      return undefined;
  }
}

export function flagSecurityOpt(sink: FlagSink, option: string, detail: string): void {
  const concern = securityOptConcern(option);
  if (concern !== undefined) sink.add("security-opt", "confirm", concern, detail);
}
