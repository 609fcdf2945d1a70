/**
 * Wires the real dependencies from a parsed Config: runtime (socket given or auto-detected), helper client,
 * confirm tokens, audit log in the data dir. main.ts and the integration tests both use it.
 */
import { openAuditLog } from "../core/audit.ts";
import type { Config } from "../core/config.ts";
import { createConfirmTokens } from "../core/confirm.ts";
import { createHelperClient } from "../clients/helper/helper_client.ts";
import { findRuntimeSocket, runtimeSocketCandidates } from "../clients/runtime/detect.ts";
import { createDetectingRuntime } from "../clients/runtime/detecting_runtime.ts";
import { unavailableRuntime } from "../clients/runtime/unavailable.ts";
import { type Clock, systemClock, type ToolDeps } from "../toolkit/deps.ts";
import { socketExists, unixSocketFetch } from "../clients/unix/unix_fetch.ts";
import { unixStreamFetch } from "../clients/unix/http1_stream.ts";
import { containerStoreFor } from "../clients/runtime/store/store_for_socket.ts";

export interface Bootstrapped {
  deps: ToolDeps;
  /** Closes sockets' HTTP clients and the audit database. */
  close(): void;
}

export interface BootstrapOptions {
  /** For runtime socket auto-detection. */
  env: { XDG_RUNTIME_DIR?: string | undefined };
  uid: number;
  /** @default systemClock */
  clock?: Clock;
}

/** `config.apiKey` must already be resolved (configured or loaded from the data dir). */
export async function bootstrap(config: Config, options: BootstrapOptions): Promise<Bootstrapped> {
  const clock = options.clock ?? systemClock;
  await Deno.mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const audit = openAuditLog(`${config.dataDir}/audit.db`, {
    clock,
    secrets: config.apiKey ? [config.apiKey] : [],
  });
  const confirm = createConfirmTokens({ clock, secret: crypto.getRandomValues(new Uint8Array(32)) });

  const socket = config.runtimeSocket ??
    await findRuntimeSocket(runtimeSocketCandidates(options.env, options.uid), socketExists);
  const runtimeFetch = socket ? unixSocketFetch(socket) : undefined;
  const runtime = socket && runtimeFetch
    ? createDetectingRuntime({ socket, fetch: runtimeFetch.fetch })
    : unavailableRuntime();

  const helperFetch = unixSocketFetch(config.helperSocket);
  const helper = createHelperClient({ socket: config.helperSocket, fetch: helperFetch.fetch, socketExists });

  // Created here, started by main.ts: tests that bootstrap do not follow events unless they start it.
  const live = socket && runtimeFetch
    ? containerStoreFor({
      socket,
      runtime,
      fetch: runtimeFetch.fetch,
      streamFetch: unixStreamFetch(socket),
      clock,
    })
    : undefined;

  return {
    deps: {
      config,
      runtime,
      helper,
      confirm,
      audit,
      clock,
      fetch: (input, init) => fetch(input, init),
      ...(live ? { containerStore: live.store, statsSampler: live.sampler } : {}),
    },
    close() {
      live?.sampler.stop();
      void live?.store.stop();
      runtimeFetch?.close();
      helperFetch.close();
      audit.close();
    },
  };
}
