/** What a service-key handler gets: the service, its unit draft and writer, and the shared context. */
import type { ConvertContext, FieldWriter } from "./context.ts";
import type { UnitDraft } from "./unit_file.ts";
import type { Mapping } from "./values.ts";

export interface ServiceScope {
  ctx: ConvertContext;
  name: string;
  svc: Mapping;
  draft: UnitDraft;
  w: FieldWriter;
  /** Environment collected from env_file (inlined) and environment, written once at the end. */
  env: Map<string, string>;
  /** Reports a (sub-)key of this service as unsupported. */
  unsupported(key: string, reason: string): void;
}

export type Handler = (value: unknown, scope: ServiceScope, key: string) => void;
