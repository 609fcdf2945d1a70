/**
 * One container as inspected, in the runtime-neutral shape the runtime client returns (Podman or Docker) and
 * the dashboard's container page shows.
 */
export interface ContainerDetails {
  id: string;
  name: string;
  image: string;
  /** The id of the image it runs, without `sha256:`; empty when the runtime did not say. */
  imageId: string;
  state: string;
  running: boolean;
  startedAt: string | null;
  finishedAt: string | null;
  exitCode: number | null;
  restartCount: number;
  restartPolicy: string | null;
  command: string[];
  /** Environment variable names only (values can be secrets). */
  envNames: string[];
  mounts: Array<{ source: string; destination: string; readOnly: boolean }>;
  ports: string[];
  labels: Record<string, string>;
  healthStatus: string | null;
}
