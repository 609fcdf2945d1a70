/** Everything a tool family may use. Families get it from `createMcpServer(deps)`; nothing reads globals. */
import type { AuditLog } from "../core/audit.ts";
import type { Config } from "../core/config.ts";
import type { ConfirmTokens } from "../core/confirm.ts";
import type { HelperClient } from "../clients/helper/helper_client.ts";
import type { RuntimeClient } from "../clients/runtime/client.ts";
import type { MediaServices } from "../clients/media/media_services.ts";
import type { ContainerStateStore } from "../clients/runtime/store/store_types.ts";
import type { StatsSampler } from "../clients/runtime/store/stats_sampler.ts";

/** Milliseconds since the epoch; tests pass a fake. */
export interface Clock {
  now(): number;
}

/** The shape of the global `fetch`, so a Unix-socket fetch, a local server or a recorded fake can be plugged in. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface ToolDeps {
  config: Config;
  /** Podman (libpod) or Docker API client; returns `unavailable` errors when no socket was found. */
  runtime: RuntimeClient;
  /** arr-helper client; returns `unavailable` errors (pointing to the README) when its socket is absent. */
  helper: HelperClient;
  confirm: ConfirmTokens;
  audit: AuditLog;
  clock: Clock;
  /** For HTTP APIs of media services and registries (global fetch in production). */
  fetch: FetchLike;
  /**
   * Media-service registry and credential store (mcp/clients/media/media_services.ts `createMediaServices`). Optional
   * so other families' tests need not build it; the media and credential tools answer `unavailable` without it.
   */
  media?: MediaServices;
  /**
   * The live container state store (docs/state-store.md): list/get from memory kept current by Podman's
   * events. Optional: bootstrap creates it when a runtime socket exists, main.ts starts it.
   */
  containerStore?: ContainerStateStore;
  /** CPU/memory of all running containers, one runtime call per interval, shared by readers. */
  statsSampler?: StatsSampler;
}

export const systemClock: Clock = { now: () => Date.now() };
