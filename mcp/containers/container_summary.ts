/** A container as list-like outputs show it (container_list, /api/status): snake_case, labels left out. */
import { z } from "zod";
import type { ContainerSummary } from "../clients/runtime/client.ts";
import { NULL } from "../toolkit/portable_schema.ts";

export const containerSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  state: z.string(),
  status: z.string(),
  created: z.string(),
  compose_project: z.string().or(NULL),
  ports: z.array(z.string()),
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
