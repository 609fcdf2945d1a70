/**
 * checkQuadlet(): the content policy for one quadlet unit (.container, .pod, .volume, .network, .kube, .build,
 * .image). Pure: text and host facts in, flags out. The [Service] section is checked too: its Exec* lines run
 * host commands and its environment is Podman's own.
 */
import { flagCapabilities } from "./capabilities.ts";
import { flagSink } from "./flag_sink.ts";
import { flagHostPath } from "./path_flags.ts";
import { QUADLET_KEY_CHECKS, type UnitScope } from "./quadlet_keys.ts";
import { valueText, valueWords, WORD_LIST_KEYS } from "./quadlet_values.ts";
import type { PolicyContext, PolicyError, PolicyFlag } from "./types.ts";
import { type ParsedLine, parseUnit } from "../../shared/quadlet/unit_file.ts";
import { err, ok, type Result } from "../../shared/result.ts";

export interface QuadletCheckOptions {
  /** The unit's file name, e.g. `sonarr.container`; flags and messages name it. */
  unit?: string;
}

const MAIN_SECTIONS = ["Container", "Pod", "Volume", "Network", "Kube", "Build", "Image"] as const;

/** [Service] keys that set the environment of the Podman process itself. */
const SERVICE_ENVIRONMENT = new Set(["Environment", "EnvironmentFile", "PassEnvironment"]);

/**
 * Flags what in a quadlet unit needs a person's approval (or is worth naming) before it is installed.
 * @param ctx `stackDir` is the folder the unit is installed in (quadlet resolves relative paths against it)
 */
export function checkQuadlet(
  unitText: string,
  ctx: PolicyContext,
  options: QuadletCheckOptions = {},
): Result<PolicyFlag[], PolicyError> {
  const name = options.unit ?? "";
  const sections = parseUnit(unitText);
  const mains = MAIN_SECTIONS.filter((s) => sections.has(s));
  if (mains.length === 0) {
    return err({
      message: `Cannot check unit${name ? ` "${name}"` : ""}: it has no ${
        MAIN_SECTIONS.map((s) => `[${s}]`).join(", ")
      } section`,
    });
  }
  const flags: PolicyFlag[] = [];
  const scope: UnitScope = {
    sink: flagSink({ unit: name }, flags),
    ctx: { ...ctx, specifiers: true },
    capabilities: [],
    hostNetwork: false,
  };
  for (const section of mains) {
    const lines = sections.get(section) ?? [];
    for (const line of lines) {
      const failure = checkLine(scope, section, line);
      if (failure !== undefined) {
        return err({ message: `Cannot check unit${name ? ` "${name}"` : ""}: ${failure}` });
      }
    }
    if (section === "Volume") bindVolume(scope, lines);
  }
  for (const line of sections.get("Service") ?? []) serviceLine(scope, line);
  for (const c of scope.capabilities) flagCapabilities(scope.sink, c.caps, scope.hostNetwork, c.detail);
  return ok(flags);
}

/** Runs the key's check; returns why the line cannot be read, if it cannot. */
function checkLine(scope: UnitScope, section: string, line: ParsedLine): string | undefined {
  const check = QUADLET_KEY_CHECKS[line.key];
  if (check === undefined) return undefined;
  const detail = `[${section}] ${line.key}=${line.value}`;
  if (WORD_LIST_KEYS.has(line.key)) {
    const words = valueWords(line.value);
    if (words === undefined) return `[${section}] ${line.key}= has an unterminated quote`;
    check(scope, line.value, words, detail);
  } else check(scope, valueText(line.value), [], detail);
  return undefined;
}

/** A .volume unit with `Options=bind` (or `Type=bind`) and a `Device=` is that host folder. */
function bindVolume(scope: UnitScope, lines: readonly ParsedLine[]): void {
  const last = (key: string) => lines.findLast((l) => l.key === key);
  const device = last("Device");
  if (device === undefined) return;
  const options = valueText(last("Options")?.value ?? "").split(",").map((o) => o.trim());
  const bind = options.includes("bind") || options.includes("rbind") ||
    valueText(last("Type")?.value ?? "") === "bind";
  if (!bind) return;
  flagHostPath(
    scope.sink,
    valueText(device.value),
    scope.ctx,
    "binds the volume to",
    `[Volume] Device=${device.value}`,
  );
}

function serviceLine(scope: UnitScope, line: ParsedLine): void {
  const detail = `[Service] ${line.key}=${line.value}`;
  if (line.key.startsWith("Exec")) {
    scope.sink.add(
      "host-command",
      "confirm",
      `runs the host command ${JSON.stringify(line.value)} (${line.key}=).`,
      detail,
    );
  } else if (SERVICE_ENVIRONMENT.has(line.key)) {
    scope.sink.add(
      "podman-config",
      "confirm",
      `sets the environment of the Podman process itself (${line.key}=${line.value}).`,
      detail,
    );
  }
}
