/**
 * Wires the real dependencies from a parsed Config: runtime (socket given or auto-detected), helper client,
 * confirm tokens, audit log in the data dir (an unusable one is moved aside, audit_open.ts), and the file layer
 * (whose temp files left by a killed write are swept here, at start). main.ts and the integration tests both
 * use it.
 */
import { storeBackedRuntime } from "../clients/runtime/store/store_backed_runtime.ts";
import { openAuditLogSafely } from "../core/audit_open.ts";
import type { Config } from "../core/config.ts";
import { createConfirmTokens } from "../core/confirm.ts";
import { createHelperClient } from "../clients/helper/helper_client.ts";
import { findRuntimeSocket, runtimeSocketCandidates } from "../clients/runtime/detect.ts";
import { createDetectingRuntime } from "../clients/runtime/detecting_runtime.ts";
import { unavailableRuntime } from "../clients/runtime/unavailable.ts";
import { createFileLayer } from "../fs/file_layer.ts";
import { fileRoots } from "../toolkit/fs_outcome.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import { type Clock, systemClock } from "../core/clock.ts";
import { socketExists, unixSocketFetch } from "../clients/unix/unix_fetch.ts";
import { unixStreamFetch } from "../clients/unix/http1_stream.ts";
import { containerStoreFor } from "../clients/runtime/store/store_for_socket.ts";
import { createLogFollower } from "../clients/runtime/log_follower.ts";

/** The file layer's journal of folders holding its temp files, in the data dir. */
export const TEMP_JOURNAL_FILE = "temp-folders";

export interface Bootstrapped {
  deps: ToolDeps;
  /** Temp files of killed writes the start removed. */
  swept: string[];
  /** Closes sockets' HTTP clients and the audit database. */
  close(): void;
}

export interface BootstrapOptions {
  /** For runtime socket auto-detection. */
  env: { XDG_RUNTIME_DIR?: string | undefined };
  /** Also the uid whose files the file layer may change. */
  uid: number;
  /** @default systemClock */
  clock?: Clock;
  /** Startup notices (an unusable audit.db moved aside). @default console.log */
  log?: (line: string) => void;
}

/** `config.apiKey` must already be resolved (configured or loaded from the data dir). */
export async function bootstrap(config: Config, options: BootstrapOptions): Promise<Bootstrapped> {
  const clock = options.clock ?? systemClock;
  await Deno.mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const audit = await openAuditLogSafely(`${config.dataDir}/audit.db`, {
    clock,
    secrets: config.apiKey ? [config.apiKey] : [],
    log: options.log ?? ((line) => console.log(line)),
  });
  const confirm = createConfirmTokens({ clock, secret: crypto.getRandomValues(new Uint8Array(32)) });

  const socket = config.runtimeSocket ??
    await findRuntimeSocket(runtimeSocketCandidates(options.env, options.uid), socketExists);
  const runtimeFetch = socket ? unixSocketFetch(socket) : undefined;
  const runtime = socket && runtimeFetch
    ? createDetectingRuntime({ socket, fetch: runtimeFetch.fetch, clock })
    : unavailableRuntime();

  const helperFetch = unixSocketFetch(config.helperSocket);
  const helper = createHelperClient({ socket: config.helperSocket, fetch: helperFetch.fetch, socketExists });

  const fs = createFileLayer({ uid: options.uid, clock, journal: `${config.dataDir}/${TEMP_JOURNAL_FILE}` });
  const swept = await fs.sweep(fileRoots(config));
  // Created here, started by main.ts: tests that bootstrap do not follow events unless they start it. Until it
  // is live, the store-backed runtime passes every call straight to Podman.
  const live = socket && runtimeFetch
    ? containerStoreFor({
      socket,
      runtime,
      fetch: runtimeFetch.fetch,
      streamFetch: unixStreamFetch(socket),
      clock,
      ...(config.statsIntervalS === undefined ? {} : { statsIntervalMs: config.statsIntervalS * 1000 }),
    })
    : undefined;

  return {
    deps: {
      config,
      runtime: live ? storeBackedRuntime(runtime, live.store, live.sampler) : runtime,
      helper,
      confirm,
      audit,
      clock,
      fetch: (input, init) => fetch(input, init),
      fs,
      ...(live ? { containerStore: live.store, statsSampler: live.sampler } : {}),
      ...(socket ? { logFollower: createLogFollower({ socket, fetch: unixStreamFetch(socket) }) } : {}),
    },
    swept,
    close() {
      live?.sampler.stop();
      void live?.store.stop();
      runtimeFetch?.close();
      helperFetch.close();
      audit.close();
    },
  };
}
