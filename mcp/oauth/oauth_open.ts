/**
 * Builds the OAuth server for main.ts when ARR_MCP_PUBLIC_URL is set (undefined otherwise: OAuth off), on
 * `oauth.db` in the data dir, kept 0600.
 */
import type { FetchLike } from "../../shared/fetch_like.ts";
import type { Clock } from "../core/clock.ts";
import type { Config } from "../core/config.ts";
import { createOAuthServer, type OAuthServer } from "./oauth_server.ts";
import { OAUTH_DB_FILE, openSqliteOAuthStore } from "./sqlite_store.ts";

export async function openOAuthServer(
  config: Config,
  deps: { clock: Clock; fetch: FetchLike },
): Promise<OAuthServer | undefined> {
  if (config.publicUrl === undefined) return undefined;
  const path = `${config.dataDir}/${OAUTH_DB_FILE}`;
  // Created 0600 before SQLite opens it: its journal takes the database file's mode.
  await Deno.writeFile(path, new Uint8Array(), { append: true, mode: 0o600 });
  await Deno.chmod(path, 0o600);
  const store = openSqliteOAuthStore(path);
  return createOAuthServer({
    publicUrl: config.publicUrl,
    redirectAllow: config.oauthRedirectAllow,
    store,
    clock: deps.clock,
    fetch: deps.fetch,
    log: (line) => console.log(line),
  });
}
