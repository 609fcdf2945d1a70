/** Gathers a stack page's data: compose file, containers by service, quadlet units via arr-helper. */
import { composeService } from "../clients/runtime/normalize.ts";
import { z } from "zod";
import { parse as parseYaml } from "yaml";
import { QuadletListEntry } from "../../shared/helper_protocol.ts";
import type { StackView } from "../../templates/stack_page.ts";
import type { ContainerSummary } from "../clients/runtime/client.ts";
import { readCompose } from "../fs/stack_files.ts";
import { stackContainers } from "../clients/runtime/stack_status.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import { containerProblem, stackProblem } from "./problems.ts";
import { redactCompose, redactLine } from "./redact_view.ts";

/** Null when the stack does not exist (no compose file and no containers). */
export async function collectStackView(
  deps: ToolDeps,
  name: string,
  secrets: readonly string[],
): Promise<StackView | null> {
  const [compose, list, quadlets] = await Promise.all([
    readCompose(deps.fs, deps.config.stacksDir, name),
    deps.runtime.list({ all: true }),
    deps.helper.call("quadlet_list", {}),
  ]);
  const containers = list.ok ? list.value : undefined;
  const st = stackContainers(name, containers);
  const content = compose.ok && compose.value.content !== null
    ? redactCompose(compose.value.content, secrets)
    : null;
  if (compose.ok && content === null && st.containers.length === 0) return null;
  // A refused compose file (a symlink out of the stacks dir …) still gets a page that says why.
  const unknown = !compose.ok &&
    (compose.error.kind === "invalid_argument" || compose.error.kind === "not_found");
  if (unknown && st.containers.length === 0) return null;
  const view: StackView = {
    name,
    state: st.state,
    problem: stackProblem({ name, ...st }),
    services: servicesOf(content, (containers ?? []).filter((c) => c.composeProject === name)),
    compose: compose.ok
      ? { path: compose.value.path, content, error: null }
      : { path: `${deps.config.stacksDir}/${name}`, content: null, error: compose.error.message },
    quadlets: null,
    quadletsError: null,
  };
  if (!quadlets.ok) view.quadletsError = redactLine(quadlets.error.message, secrets);
  else if (!quadlets.value.ok) {
    const output = redactLine(quadlets.value.output, secrets).slice(0, 200);
    view.quadletsError = `arr-helper could not list quadlets: ${output}`;
  } else {
    try {
      const parsed = z.array(QuadletListEntry).parse(JSON.parse(quadlets.value.output));
      view.quadlets = parsed.filter((q) => belongsToStack(q.name, name, view.services.map((s) => s.name)));
    } catch {
      view.quadletsError = "arr-helper answered quadlet_list in an unexpected shape";
    }
  }
  return view;
}

/** A quadlet belongs to a stack when it is named after the stack or one of its services (`stack`, `stack-x`). */
export function belongsToStack(unit: string, stack: string, services: readonly string[]): boolean {
  return unit === stack || unit.startsWith(`${stack}-`) || unit.startsWith(`${stack}_`) ||
    services.includes(unit);
}

export function serviceNames(composeText: string | null): string[] {
  if (composeText === null) return [];
  try {
    const doc = parseYaml(composeText, { maxAliasCount: 50 }) as unknown;
    const services = (doc as { services?: unknown } | null)?.services;
    if (services === null || typeof services !== "object" || Array.isArray(services)) return [];
    return Object.keys(services);
  } catch {
    return [];
  }
}

function servicesOf(composeText: string | null, mine: readonly ContainerSummary[]): StackView["services"] {
  const byService = new Map<string, StackView["services"][number]["containers"]>();
  for (const s of serviceNames(composeText)) byService.set(s, []);
  for (const c of mine) {
    const service = composeService(c.labels) ?? c.name;
    const list = byService.get(service) ?? [];
    list.push({
      name: c.name,
      state: c.state,
      problem: containerProblem({ state: c.state, health: null, restart_count: null }),
    });
    byService.set(service, list);
  }
  return [...byService.entries()].map(([name, containers]) => ({ name, containers }));
}
