/** Shared pieces of the media tool families: reaching the MediaServices and mapping errors to tool failures. */
import type { MediaServices } from "../clients/media/media_services.ts";
import type { RegistryError } from "../clients/media/registry.ts";
import type { ServiceError } from "../clients/media/service_error.ts";
import type { ToolOutcome } from "../toolkit/define_tool.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import type { ToolFailure } from "../toolkit/tool_result.ts";

/** ToolDeps with the (optional) media services; kept as a name for tests. */
export type MediaToolDeps = ToolDeps;

export function mediaServices(deps: ToolDeps): MediaServices | ToolFailure {
  return deps.media ?? {
    kind: "unavailable",
    message:
      "Media services are not wired into this server (ToolDeps.media is missing); see docs/services.md",
  };
}

/** A tool body that needs the media services; it answers the `unavailable` failure when they are not wired in. */
export function withMedia<A, R extends ToolOutcome<unknown>>(
  deps: ToolDeps,
  body: (media: MediaServices, args: A) => Promise<R>,
): (args: A) => Promise<R | ToolOutcome<never>> {
  return async (args) => {
    const media = mediaServices(deps);
    return isFailure(media) ? { ok: false, error: media } : await body(media, args);
  };
}

export function isFailure(value: unknown): value is ToolFailure {
  return typeof value === "object" && value !== null && "kind" in value && "message" in value &&
    !("registry" in value);
}

export function serviceFailure(error: ServiceError | RegistryError): ToolFailure {
  return { kind: error.kind, message: error.message };
}

/** One line per service error for outputs that report partial failures. */
export interface ServiceProblem {
  service: string;
  kind: string;
  message: string;
}

export function problem(error: ServiceError | RegistryError): ServiceProblem {
  return { service: error.service, kind: error.kind, message: error.message };
}

/** Records a problem and answers `fallback`, for outputs that carry on after one service fails. */
export function noted<T>(problems: ServiceProblem[], error: ServiceError | RegistryError, fallback: T): T {
  problems.push(problem(error));
  return fallback;
}
