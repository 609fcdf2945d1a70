/** The real runtime client (Podman libpod API) on the testbed's socket; `close` releases the socket client. */
import type { RuntimeClient } from "../../../mcp/clients/runtime/client.ts";
import { createHttpRuntime } from "../../../mcp/clients/runtime/http_runtime.ts";
import { unixSocketFetch } from "../../../mcp/clients/unix/unix_fetch.ts";
import { testbed } from "../../testbed/testbed.ts";

export function testbedRuntime(): { runtime: RuntimeClient; close(): void } {
  const socket = testbed().podmanSocket;
  const unix = unixSocketFetch(socket);
  return {
    runtime: createHttpRuntime({ kind: "podman", fetch: unix.fetch, socket }),
    close: () => unix.close(),
  };
}
