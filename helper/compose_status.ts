/**
 * What is really running after `up`, `down` or `restart`: podman-compose exits 0 even when containers failed,
 * so the helper lists the project's containers with `podman ps` and judges them. Every podman-compose version
 * labels its containers `io.podman.compose.project=<project>` (1.0.3 and 1.3.0 alike), while
 * `podman-compose ps --format json` exists only from 1.1 on.
 */
import { parse } from "yaml";
import type { StackStatus } from "../shared/helper_protocol.ts";
import { err, ok, type Result } from "../shared/result.ts";

export interface PsContainer {
  id: string;
  name: string;
  service: string;
  state: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `podman` arguments listing every container (running or not) of a compose project as JSON. */
export function projectPsArgs(project: string): string[] {
  return ["ps", "-a", "--filter", `label=io.podman.compose.project=${project}`, "--format", "json"];
}

/** Parses `podman ps --format json` output. */
export function parsePsJson(text: string): Result<PsContainer[], string> {
  let data: unknown;
  try {
    data = JSON.parse(text.trim() === "" ? "[]" : text);
  } catch (e) {
    return err(`Cannot parse podman ps output: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!Array.isArray(data)) return err("Cannot parse podman ps output: expected a JSON array");
  const containers: PsContainer[] = [];
  for (const item of data) {
    if (!isRecord(item)) return err("Cannot parse podman ps output: expected objects in the array");
    const names = Array.isArray(item.Names) ? item.Names.filter((n) => typeof n === "string") : [];
    const labels = isRecord(item.Labels) ? item.Labels : {};
    const service = labels["com.docker.compose.service"];
    containers.push({
      id: typeof item.Id === "string" ? item.Id : "",
      name: names[0] ?? String(item.Id ?? "?"),
      service: typeof service === "string" ? service : "",
      state: typeof item.State === "string" ? item.State : "unknown",
    });
  }
  return ok(containers);
}

function servicesOf(composeText: string): Array<[string, unknown]> {
  let doc: unknown;
  try {
    doc = parse(composeText);
  } catch {
    return [];
  }
  return isRecord(doc) && isRecord(doc.services) ? Object.entries(doc.services) : [];
}

/** Every service the compose file names, profiles or not. Empty when unreadable. */
export function allServices(composeText: string): string[] {
  return servicesOf(composeText).map(([name]) => name).sort();
}

/** Services `up` starts by default: those of the compose file without `profiles`. Empty when unreadable. */
export function defaultServices(composeText: string): string[] {
  return servicesOf(composeText)
    .filter(([, svc]) => !(isRecord(svc) && Array.isArray(svc.profiles) && svc.profiles.length > 0))
    .map(([name]) => name)
    .sort();
}

export type Expectation = "running" | "absent";

/**
 * `running`: at least one container, all of them running, and every default service has one.
 * `absent`: no container of the project is left.
 */
export function judgeStack(
  stack: string,
  expect: Expectation,
  services: readonly string[],
  containers: readonly Omit<PsContainer, "id">[],
): { ok: boolean; status: StackStatus } {
  const running = new Set(containers.filter((c) => c.state === "running").map((c) => c.service));
  const missing = expect === "running" ? services.filter((s) => !running.has(s)) : [];
  const status: StackStatus = {
    stack,
    containers: containers.map((c) => ({ name: c.name, service: c.service, state: c.state })),
    missing_services: missing,
  };
  const okNow = expect === "absent"
    ? containers.length === 0
    : containers.length > 0 && containers.every((c) => c.state === "running") && missing.length === 0;
  return { ok: okNow, status };
}
