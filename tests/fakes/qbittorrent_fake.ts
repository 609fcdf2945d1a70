/**
 * A small stateful qBittorrent WebUI on loopback, following /work/shared/notes/qbittorrent-api.md, with each
 * version's auth behaviour:
 * * 4.6.7 (WebAPI 2.9.3) and 5.0.0 (2.11.2): login answers 200 "Ok." / 200 "Fails.", cookie "SID".
 * * 5.2.3 (2.15.1): login answers 204 / 401, cookie "QBT_SID_<port>"; `Authorization: Bearer <apiKey>` works
 *   without a session and makes auth/* answer 403.
 * Every version: API calls without a session → 403; a foreign Origin/Referer → 401; too many failed logins →
 * 403 (IP ban); POST-only actions answer 405 to GET; 4.x has pause/resume and pausedDL/pausedUP, 5.x has
 * stop/start and stoppedDL/stoppedUP (the other names are 404).
 */
import { json, type LoopbackServer, serveLoopback, text } from "./serve.ts";

export type FakeQbitVersion = "4.6.7" | "5.0.0" | "5.2.3";

export interface FakeTorrent {
  hash: string;
  name: string;
  /** 5.x state name; served as pausedDL/pausedUP on 4.x. */
  state: string;
  progress: number;
  dlspeed?: number;
  eta?: number;
  size?: number;
}

export interface FakeQbitOptions {
  version: FakeQbitVersion;
  username?: string;
  password?: string;
  /** 5.2 only. */
  apiKey?: string;
  torrents?: FakeTorrent[];
  /** Failed logins before the IP is banned. @default 5 */
  banAfter?: number;
  /** free_space_on_disk in sync/maindata. @default 750 GB */
  freeSpace?: number;
}

export interface FakeQbit extends LoopbackServer {
  state: {
    torrents: FakeTorrent[];
    sessions: Set<string>;
    logins: number;
    failedLogins: number;
    requests: string[];
    /** free_space_on_disk; a test lowers it to fill the disk. */
    freeSpace: number;
    connectionStatus: string;
  };
  /** Forgets every session, as a restart or session timeout would. */
  expireSessions(): void;
}

const WEBAPI: Record<FakeQbitVersion, string> = { "4.6.7": "2.9.3", "5.0.0": "2.11.2", "5.2.3": "2.15.1" };
const POST_ONLY = new Set([
  "auth/login",
  "auth/logout",
  "torrents/delete",
  "torrents/stop",
  "torrents/start",
  "torrents/pause",
  "torrents/resume",
]);

export function startFakeQbittorrent(options: FakeQbitOptions): FakeQbit {
  const v5 = options.version !== "4.6.7";
  const v52 = options.version === "5.2.3";
  const username = options.username ?? "admin";
  const password = options.password ?? "adminadmin";
  const state = {
    torrents: (options.torrents ?? []).map((t) => ({ ...t })),
    sessions: new Set<string>(),
    logins: 0,
    failedLogins: 0,
    requests: [] as string[],
    freeSpace: options.freeSpace ?? 750_000_000_000,
    connectionStatus: "connected",
  };
  let cookieName = "SID";
  const server = serveLoopback(async (request) => {
    const url = new URL(request.url);
    const action = url.pathname.replace(/^\/api\/v2\//, "");
    state.requests.push(`${request.method} ${action}`);
    if (!url.pathname.startsWith("/api/v2/")) return text("Not Found", 404);
    const origin = request.headers.get("origin") ?? request.headers.get("referer");
    if (origin && !origin.startsWith(`http://${request.headers.get("host")}`)) {
      return text("Unauthorized", 401);
    }
    if (POST_ONLY.has(action) && request.method !== "POST") return text("Method Not Allowed", 405);
    const bearer = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1];
    const usingKey = v52 && bearer !== undefined;
    if (usingKey && bearer !== options.apiKey) return text("Unauthorized", 401);
    const form = request.method === "POST"
      ? new URLSearchParams(await request.text())
      : new URLSearchParams();

    if (action === "auth/login") {
      if (usingKey) return text("Forbidden", 403);
      if (state.failedLogins >= (options.banAfter ?? 5)) {
        return text("Your IP address has been banned after too many failed authentication attempts.", 403);
      }
      if (form.get("username") !== username || form.get("password") !== password) {
        state.failedLogins++;
        return v52 ? text("", 401) : text("Fails.", 200);
      }
      state.logins++;
      const sid = crypto.randomUUID().replaceAll("-", "");
      state.sessions.add(sid);
      const cookie = `${cookieName}=${sid}; HttpOnly; SameSite=Strict; path=/`;
      return v52
        ? new Response(null, { status: 204, headers: { "set-cookie": cookie } })
        : text("Ok.", 200, { "set-cookie": cookie });
    }

    const sid = (request.headers.get("cookie") ?? "").split(";").map((c) => c.trim().split("="))
      .find(([name]) => name === cookieName)?.[1];
    const authed = usingKey || (sid !== undefined && state.sessions.has(sid));
    if (!authed) return text("Forbidden", 403);

    const serveState = (t: FakeTorrent) => v5 ? t.state : t.state.replace(/^stopped(DL|UP)$/, "paused$1");
    const hashes = (form.get("hashes") ?? "").split("|").filter(Boolean);
    const pick = (t: FakeTorrent) => hashes.includes("all") || hashes.includes(t.hash);
    const done = () => v52 ? new Response(null, { status: 200 }) : text("", 200);
    switch (action) {
      case "app/version":
        return text(`v${options.version}`);
      case "app/webapiVersion":
        return text(WEBAPI[options.version]);
      case "auth/logout":
        if (sid) state.sessions.delete(sid);
        return text("", 200);
      case "torrents/info": {
        const filter = url.searchParams.get("filter");
        const list = state.torrents.filter((t) => filter !== "downloading" || t.state.endsWith("DL"));
        return json(list.map((t) => torrentJson(t, serveState(t))));
      }
      case "transfer/info":
        return json({
          dl_info_speed: state.torrents.reduce((s, t) => s + (t.dlspeed ?? 0), 0),
          dl_info_data: 123456789,
          up_info_speed: 2048,
          up_info_data: 987654,
          dl_rate_limit: 0,
          up_rate_limit: 0,
          dht_nodes: 312,
          connection_status: state.connectionStatus,
        });
      case "sync/maindata":
        return json({
          rid: Number(url.searchParams.get("rid") ?? 0) + 1,
          full_update: true,
          torrents: Object.fromEntries(state.torrents.map((t) => [t.hash, torrentJson(t, serveState(t))])),
          server_state: {
            free_space_on_disk: state.freeSpace,
            dl_info_speed: state.torrents.reduce((s, t) => s + (t.dlspeed ?? 0), 0),
            up_info_speed: 2048,
            connection_status: state.connectionStatus,
            queueing: true,
          },
        });
      case "torrents/delete":
        if (!form.has("hashes") || !form.has("deleteFiles")) return text("Bad Request", 400);
        state.torrents = state.torrents.filter((t) => !pick(t));
        return done();
      case "torrents/stop":
      case "torrents/start":
        if (!v5) return text("Not Found", 404);
        for (const t of state.torrents.filter(pick)) t.state = flip(t, action === "torrents/stop");
        return done();
      case "torrents/pause":
      case "torrents/resume":
        if (v5) return text("Not Found", 404);
        for (const t of state.torrents.filter(pick)) t.state = flip(t, action === "torrents/pause");
        return done();
      default:
        return text("Not Found", 404);
    }
  });
  cookieName = v52 ? `QBT_SID_${server.port}` : "SID";
  return Object.assign(server, { state, expireSessions: () => state.sessions.clear() });
}

function flip(t: FakeTorrent, stop: boolean): string {
  const suffix = t.progress >= 1 ? "UP" : "DL";
  return stop ? `stopped${suffix}` : t.progress >= 1 ? "stalledUP" : "downloading";
}

function torrentJson(t: FakeTorrent, state: string) {
  const size = t.size ?? 1_000_000_000;
  return {
    hash: t.hash,
    name: t.name,
    state,
    progress: t.progress,
    dlspeed: t.dlspeed ?? 0,
    upspeed: 0,
    eta: t.eta ?? 8_640_000,
    size,
    total_size: size,
    amount_left: Math.round(size * (1 - t.progress)),
    category: "tv-sonarr",
    added_on: 1_700_000_000,
    save_path: "/downloads/",
    num_seeds: 3,
    ratio: 0,
  };
}
