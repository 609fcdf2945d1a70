/** Everything a tool family may use. Families get it from `createMcpServer(deps)`; nothing reads globals. */
import type { AuditLog } from "../core/audit.ts";
import type { Clock } from "../core/clock.ts";
import type { Config } from "../core/config.ts";
import type { ConfirmTokens } from "../core/confirm.ts";
import type { HelperClient } from "../clients/helper/helper_client.ts";
import type { RuntimeClient } from "../clients/runtime/client.ts";
import type { MediaServices } from "../clients/media/media_services.ts";
import type { FsPort } from "../fs/port.ts";
import type { FetchLike } from "../../shared/fetch_like.ts";
import type { ContainerStateStore } from "../clients/runtime/store/store_types.ts";
import type { StatsSampler } from "../clients/runtime/store/stats_sampler.ts";
import type { AlertsPort } from "./alerts_port.ts";
import type { LogFollower } from "../clients/runtime/log_follower.ts";

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
   * The file layer (mcp/fs/port.ts): every read and write of a user's files (file tools, compose files, the
   * dashboard's stack page, quadlet staging and install, backups and trash) goes through it.
   */
  fs: FsPort;
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
  /** The alert watcher (mcp/alerts/): open alerts, rules, notification channels. main.ts creates it. */
  alerts?: AlertsPort;
  /** Follows a container's log as it is written (the dashboard's live log view); bootstrap wires it. */
  logFollower?: LogFollower;
}
