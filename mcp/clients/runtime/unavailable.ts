/** The runtime client used when no container runtime socket was found: every call explains how to fix it. */
import { err } from "../../../shared/result.ts";
import type { RuntimeClient, RuntimeError } from "./client.ts";

export const NO_RUNTIME_MESSAGE =
  "No container runtime socket found (tried $XDG_RUNTIME_DIR/podman/podman.sock, " +
  "/run/user/<uid>/podman/podman.sock, /run/podman/podman.sock, /var/run/docker.sock): start the Podman API " +
  "socket (`systemctl --user enable --now podman.socket`) or set ARR_RUNTIME_SOCKET";

export function unavailableRuntime(message: string = NO_RUNTIME_MESSAGE): RuntimeClient {
  const fail = () => Promise.resolve(err<RuntimeError>({ kind: "unavailable", message }));
  return {
    socket: undefined,
    info: fail,
    list: fail,
    inspect: fail,
    start: fail,
    stop: fail,
    restart: fail,
    remove: fail,
    logs: fail,
    stats: fail,
    events: fail,
  };
}
