/** The container runtime client's contract (Podman libpod or Docker-compatible API). Never throws. */
import type { ContainerDetails } from "../../../shared/container_details.ts";
import type { Result } from "../../../shared/result.ts";

export type RuntimeKind = "podman" | "docker";

export type RuntimeErrorKind =
  | "unavailable"
  | "unreachable"
  | "timeout"
  | "not_found"
  | "conflict"
  | "http"
  | "decode";

export interface RuntimeError {
  kind: RuntimeErrorKind;
  /** HTTP status when the API answered. */
  status?: number;
  message: string;
}

export type RuntimeResult<T> = Result<T, RuntimeError>;

export interface RuntimeInfo {
  kind: RuntimeKind;
  version: string;
  apiVersion: string;
  /** Null while the runtime's /info has not told (it is slow on a busy host; see runtime_info.ts). */
  rootless: boolean | null;
}

export interface ContainerSummary {
  id: string;
  name: string;
  image: string;
  /** The image's id (hex, without `sha256:`); "" when the runtime did not say. */
  imageId: string;
  /** `running`, `exited`, `created`, `paused` … as the runtime reports it. */
  state: string;
  /** Human status such as `Up 3 minutes` (may be empty on Podman). */
  status: string;
  /** ISO time. */
  created: string;
  labels: Record<string, string>;
  /** compose project from io.podman.compose.project / com.docker.compose.project, if any. */
  composeProject: string | null;
  ports: string[];
}

export interface LogLine {
  stream: "stdout" | "stderr";
  text: string;
}

export interface LogOptions {
  /** Last N lines. */
  tail?: number;
  /** Unix seconds or a duration such as `10m` (converted by the caller to seconds). */
  since?: number;
  /** Only lines containing this text (case-insensitive). */
  grep?: string;
}

export interface ContainerStats {
  name: string;
  cpuPercent: number;
  memUsageBytes: number;
  memLimitBytes: number;
  memPercent: number;
  netInputBytes: number;
  netOutputBytes: number;
  blockInputBytes: number;
  blockOutputBytes: number;
  pids: number;
  /** Set when the figures come from the shared sample (stats_sampler.ts): when it was taken, ms since the epoch. */
  sampledAt?: number;
}

export interface RuntimeEvent {
  time: string;
  type: string;
  action: string;
  name: string | null;
  id: string | null;
}

export interface RuntimeClient {
  /** Undefined when no socket was found. */
  readonly socket: string | undefined;
  info(): Promise<RuntimeResult<RuntimeInfo>>;
  /** `ids`: only these full container ids (one call for a batch; the state store refreshes with it). */
  list(options?: { all?: boolean; ids?: readonly string[] }): Promise<RuntimeResult<ContainerSummary[]>>;
  inspect(name: string): Promise<RuntimeResult<ContainerDetails>>;
  start(name: string): Promise<RuntimeResult<{ changed: boolean }>>;
  stop(name: string, options?: { timeoutSeconds?: number }): Promise<RuntimeResult<{ changed: boolean }>>;
  restart(name: string, options?: { timeoutSeconds?: number }): Promise<RuntimeResult<void>>;
  remove(name: string, options?: { force?: boolean }): Promise<RuntimeResult<void>>;
  logs(name: string, options?: LogOptions): Promise<RuntimeResult<LogLine[]>>;
  /**
   * Current figures of one running container. `shared`: the store's shared sample of all running containers
   * may answer (at most one sampling interval old, with `sampledAt`): for a page that shows them all.
   */
  stats(name: string, options?: { shared?: boolean }): Promise<RuntimeResult<ContainerStats>>;
  /** Past events between `since` and now (unix seconds). */
  events(
    options: { since: number; filters?: Record<string, string[]> },
  ): Promise<RuntimeResult<RuntimeEvent[]>>;
}
