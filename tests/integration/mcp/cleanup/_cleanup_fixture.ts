/**
 * A household library for the cleanup tools: real loopback Plex, Sonarr and Radarr fakes over one stateful
 * library, and an SDK client connected in memory to the cleanup family (real confirm tokens, SQLite marks in a
 * temporary data dir).
 */
export { DAY, GRAN, householdLibrary, KID, NOW, OWNER } from "../../../fakes/household_library.ts";
import { registerCleanupTools } from "../../../../mcp/cleanup/cleanup_tools.ts";
import { startFakeArr } from "../../../fakes/arr_fake.ts";
import { householdLibrary, KID } from "../../../fakes/household_library.ts";
import { startFakePlex } from "../../../fakes/plex_fake.ts";
import { connectInMemory } from "../../../unit/mcp/_support/in_memory_client.ts";
import { testConfig, testDeps } from "../../../unit/mcp/_support/test_deps.ts";
import { memoryMediaServices } from "../../_support/memory_media_services.ts";

/** The media services arr-mcp sees for the household fakes at these URLs (their keys and token). */
export function householdMedia(urls: { plex: string; sonarr: string; radarr: string }) {
  return memoryMediaServices({
    PLEX_URL: urls.plex,
    PLEX_TOKEN: "plex-token-0123456789",
    SONARR_URL: urls.sonarr,
    SONARR_API_KEY: "sonarr-key-0123456789",
    RADARR_URL: urls.radarr,
    RADARR_API_KEY: "radarr-key-0123456789",
  }, { clientOptions: { retries: 0, timeoutMs: 5_000 } });
}

/** Kid's own Plex token, which the fake Plex knows (for `plex_user:Kid`). */
export const KID_TOKEN = "kid-plex-token-0123456789";

/** `sonarrVersion`: "3.0.10" serves a Sonarr v3, which ignores includeEpisodeFile. @default v4 */
export async function cleanupHarness(lib = householdLibrary(), options: { sonarrVersion?: string } = {}) {
  const plex = startFakePlex({
    token: "plex-token-0123456789",
    total: 0,
    library: lib,
    maxPageSize: 2,
    userTokens: { [KID_TOKEN]: KID },
  });
  const sonarr = startFakeArr({
    app: "sonarr",
    apiKey: "sonarr-key-0123456789",
    library: lib,
    ...(options.sonarrVersion === undefined ? {} : { version: options.sonarrVersion }),
  });
  const radarr = startFakeArr({ app: "radarr", apiKey: "radarr-key-0123456789", library: lib });
  const dataDir = await Deno.makeTempDir({ prefix: "arr-cleanup-" });
  const media = householdMedia({ plex: plex.url, sonarr: sonarr.url, radarr: radarr.url });
  const deps = { ...testDeps({ config: testConfig({ dataDir }) }), media };
  const connection = await connectInMemory(deps, [registerCleanupTools]);
  const call = async (name: string, args: Record<string, unknown> = {}) => {
    const result = await connection.client.callTool({ name, arguments: args });
    const text = (result.content as Array<{ type: string; text?: string }>)[0]?.text ?? "";
    // deno-lint-ignore no-explicit-any
    return { isError: result.isError === true, s: (result.structuredContent ?? {}) as any, text };
  };
  return {
    lib,
    sonarrRequests: sonarr.state.requests,
    deps,
    call,
    [Symbol.asyncDispose]: async () => {
      await connection.close();
      for (const server of [plex, sonarr, radarr]) await server.close();
      await Deno.remove(dataDir, { recursive: true });
    },
  };
}
