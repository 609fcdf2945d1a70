/** A container as list-like outputs show it (container_list, /api/status): snake_case, labels left out. */
import { z } from "zod";
import type { ContainerSummary } from "../clients/runtime/client.ts";

export const containerSummarySchema = z.object({
  id: z.string().describe("Full container ID"),
  name: z.string(),
  image: z.string(),
  state: z.string().describe("running, exited, created, paused …"),
  status: z.string().describe("Human status text, may be empty"),
  created: z.string().describe("ISO time"),
  compose_project: z.string().nullable().describe("Stack (compose project) the container belongs to"),
  ports: z.array(z.string()).describe("Published ports, host->container/proto"),
});

export type ContainerSummaryOutput = z.infer<typeof containerSummarySchema>;

export function containerSummaryOutput(c: ContainerSummary): ContainerSummaryOutput {
  return {
    id: c.id,
    name: c.name,
    image: c.image,
    state: c.state,
    status: c.status,
    created: c.created,
    compose_project: c.composeProject,
    ports: c.ports,
  };
}
