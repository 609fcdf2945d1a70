/**
 * The overview page's data: /api/status plus, per container, its port links (for the host this page was
 * opened at) and, for stopped ones, the error line; then the problem summary. The error lines are read here,
 * not in /api/status, which the page polls every 10 s.
 */
import type { RuntimeClient } from "../clients/runtime/client.ts";
import type { OverviewView } from "../../templates/overview_page.ts";
import { collectErrorLines } from "./error_lines.ts";
import { portLinks } from "./port_links.ts";
import { withProblems } from "./problems.ts";
import type { ApiStatus } from "./status.ts";

export async function overviewView(
  status: ApiStatus,
  runtime: Pick<RuntimeClient, "logs">,
  secrets: readonly string[],
  hostHeader: string | undefined,
): Promise<OverviewView> {
  const errorLines = await collectErrorLines(runtime, status.containers, secrets);
  return withProblems({
    ...status,
    containers: status.containers.map((c) => ({
      ...c,
      error_line: errorLines.get(c.id) ?? null,
      port_links: portLinks(c.ports, hostHeader),
    })),
  });
}
