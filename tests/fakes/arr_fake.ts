/**
 * A small Servarr app (Sonarr/Radarr v3 shape) on loopback for tool tests and benchmarks: the queue is generated
 * from a count, paged like the real API, and every request needs the X-Api-Key header (401 with an empty body
 * otherwise, as the real apps answer). Commands answer 201 Created like the real apps.
 */
import { json, type LoopbackServer, serveLoopback } from "./serve.ts";
import type { FakeMediaLibrary } from "./media_library_fake.ts";

export interface FakeArrOptions {
  app: "sonarr" | "radarr";
  apiKey: string;
  version?: string;
  /** Queue items to serve; item i has downloadId from `downloadIdOf(i)`. */
  queueSize?: number;
  downloadIdOf?: (i: number) => { downloadId: string; protocol: "usenet" | "torrent" };
  trackedStateOf?: (i: number) => string;
  health?: Array<{ source: string; type: string; message: string; wikiUrl?: string }>;
  /** Served by /rootfolder; free space of each. @default [] */
  rootFolders?: Array<{ path: string; freeSpace: number }>;
  /** Served by /diskspace. @default [] */
  diskSpace?: Array<{ path: string; label: string; freeSpace: number; totalSpace: number }>;
  /**
   * Served by /update (UpdateResource of the v3 spec: version, branch, releaseDate, fileName, url, installed,
   * installedOn, installable, latest, changes { new, fixed }, hash), newest first. @default []
   */
  updates?: FakeArrUpdate[];
  /** Series/episodes/files (Sonarr) or movies (Radarr) and tags, changed by monitor and delete calls. */
  library?: FakeMediaLibrary;
}

/** One entry of the app's update list; the fake fills in the other UpdateResource fields. */
export interface FakeArrUpdate {
  version: string;
  releaseDate: string;
  installed?: boolean;
  new?: string[];
  fixed?: string[];
}

export interface FakeArr extends LoopbackServer {
  commands: Array<Record<string, unknown>>;
  /**
   * What the fake serves, changeable between calls: the queue length, per-item field overrides (by index:
   * `sizeleft`, `trackedDownloadState`, `statusMessages` …), health, root folders and disk space.
   */
  state: {
    size: number;
    overrides: Map<number, Record<string, unknown>>;
    health: NonNullable<FakeArrOptions["health"]>;
    rootFolders: NonNullable<FakeArrOptions["rootFolders"]>;
    diskSpace: NonNullable<FakeArrOptions["diskSpace"]>;
    updates: NonNullable<FakeArrOptions["updates"]>;
    requests: string[];
  };
}

export function startFakeArr(options: FakeArrOptions): FakeArr {
  const commands: Array<Record<string, unknown>> = [];
  const state: FakeArr["state"] = {
    size: options.queueSize ?? 0,
    overrides: new Map(),
    health: [...(options.health ?? [])],
    rootFolders: [...(options.rootFolders ?? [])],
    diskSpace: [...(options.diskSpace ?? [])],
    updates: [...(options.updates ?? [])],
    requests: [],
  };
  const record = (i: number) => ({ ...baseRecord(i), ...(state.overrides.get(i) ?? {}) });
  const baseRecord = (i: number) => {
    const dl = options.downloadIdOf?.(i) ?? { downloadId: `SABnzbd_nzo_${i}`, protocol: "usenet" as const };
    return {
      id: i + 1,
      title: `${options.app === "sonarr" ? "Show.S01E" : "Movie.Part."}${
        String(i + 1).padStart(3, "0")
      }.1080p`,
      status: "downloading",
      trackedDownloadStatus: "ok",
      trackedDownloadState: options.trackedStateOf?.(i) ?? "downloading",
      statusMessages: [],
      downloadId: dl.downloadId,
      protocol: dl.protocol,
      downloadClient: dl.protocol === "usenet" ? "SABnzbd" : "qBittorrent",
      size: 1_500_000_000,
      sizeleft: 500_000_000,
      timeleft: "00:10:00",
      [options.app === "sonarr" ? "seriesId" : "movieId"]: 1 + (i % 20),
    };
  };
  const server = serveLoopback(async (request) => {
    if (request.headers.get("x-api-key") !== options.apiKey) return new Response(null, { status: 401 });
    const url = new URL(request.url);
    const q = url.searchParams;
    state.requests.push(`${request.method} ${url.pathname}${url.search}`);
    const size = state.size;
    if (options.library) {
      const v4 = Number((options.version ?? "4").split(".")[0]) >= 4;
      const answer = await libraryRoute(options.app, options.library, request, url, v4);
      if (answer) return answer;
    }
    switch (`${request.method} ${url.pathname}`) {
      case "GET /api/v3/system/status":
        return json({ appName: options.app, version: options.version ?? "4.0.19.2979", branch: "main" });
      case "GET /api/v3/health":
        return json(state.health);
      case "GET /api/v3/rootfolder":
        return json(state.rootFolders.map((r, i) => ({ id: i + 1, accessible: true, ...r })));
      case "GET /api/v3/diskspace":
        return json(state.diskSpace);
      case "GET /api/v3/update":
        return json(state.updates.map((u, i) => updateResource(options.app, u, i)));
      case "GET /api/v3/queue": {
        const page = Number(q.get("page") ?? 1);
        const pageSize = Number(q.get("pageSize") ?? 10);
        const from = (page - 1) * pageSize;
        const records = Array.from(
          { length: Math.max(0, Math.min(pageSize, size - from)) },
          (_, k) => record(from + k),
        );
        return json({
          page,
          pageSize,
          sortKey: "timeleft",
          sortDirection: "ascending",
          totalRecords: size,
          records,
        });
      }
      case "GET /api/v3/wanted/missing":
        return json({
          page: 1,
          pageSize: 10,
          totalRecords: 1,
          records: [{
            id: 7,
            title: "Pilot",
            seriesId: 1,
            seasonNumber: 1,
            episodeNumber: 1,
            monitored: true,
            hasFile: false,
            airDateUtc: "2026-01-01T00:00:00Z",
          }],
        });
      case "GET /api/v3/calendar":
        return json([{
          id: 8,
          title: "Next One",
          seriesId: 1,
          seasonNumber: 1,
          episodeNumber: 2,
          airDateUtc: q.get("start"),
        }]);
      case "GET /api/v3/history":
        return json({
          page: 1,
          pageSize: 10,
          totalRecords: 1,
          records: [{
            id: 1,
            eventType: "grabbed",
            sourceTitle: "Show.S01E01",
            date: "2026-01-01T00:00:00Z",
            downloadId: "x",
          }],
        });
      case "POST /api/v3/command": {
        const body = await request.json() as Record<string, unknown>;
        commands.push(body);
        return json({ id: commands.length, name: body.name, commandName: body.name, status: "queued" }, 201);
      }
      default:
        return json({ message: "NotFound" }, 404);
    }
  });
  return Object.assign(server, { commands, state });
}

/** The library endpoints of Sonarr/Radarr v3 the cleanup tools use; undefined for any other path. */
async function libraryRoute(
  app: "sonarr" | "radarr",
  library: FakeMediaLibrary,
  request: Request,
  url: URL,
  v4: boolean,
): Promise<Response | undefined> {
  const q = url.searchParams;
  const route = `${request.method} ${url.pathname}`;
  const fileDelete = /^DELETE \/api\/v3\/(episodefile|moviefile)\/(\d+)$/.exec(route);
  if (app === "sonarr") {
    const s = library.sonarr;
    if (route === "GET /api/v3/series") return json(s.series);
    if (route === "GET /api/v3/tag") return json(s.tags);
    if (route === "GET /api/v3/episode") {
      if (!q.get("seriesId")) return json({ message: "seriesId is missing" }, 400);
      const episodes = bySeries(s.episodes, q.get("seriesId")!);
      // Sonarr v4 puts each episode's file inline on request; v3 ignores the flag.
      if (!v4 || q.get("includeEpisodeFile") !== "true") return json(episodes);
      const files = new Map(bySeries(s.files, q.get("seriesId")!).map((f) => [f.id, f]));
      return json(episodes.map((e) => {
        const file = files.get(e.episodeFileId);
        return file === undefined ? e : { ...e, episodeFile: file };
      }));
    }
    if (route === "GET /api/v3/episodefile") return json(bySeries(s.files, q.get("seriesId") ?? ""));
    if (route === "PUT /api/v3/episode/monitor") {
      const body = await request.json() as { episodeIds: number[]; monitored: boolean };
      library.mutations.push(
        `PUT /api/v3/episode/monitor ${JSON.stringify(body.episodeIds)} ${body.monitored}`,
      );
      for (const e of s.episodes) if (body.episodeIds.includes(e.id as number)) e.monitored = body.monitored;
      return json(s.episodes.filter((e) => body.episodeIds.includes(e.id as number)), 202);
    }
    if (fileDelete?.[1] === "episodefile") {
      const id = Number(fileDelete[2]);
      library.mutations.push(`DELETE /api/v3/episodefile/${id}`);
      if (!s.files.some((f) => f.id === id)) return json({ message: "Not found" }, 404);
      s.files = s.files.filter((f) => f.id !== id);
      for (const e of s.episodes) {
        if (e.episodeFileId === id) Object.assign(e, { episodeFileId: 0, hasFile: false });
      }
      return json({});
    }
    return undefined;
  }
  const r = library.radarr;
  if (route === "GET /api/v3/movie") return json(r.movies);
  if (route === "GET /api/v3/tag") return json(r.tags);
  if (route === "PUT /api/v3/movie/editor") {
    const body = await request.json() as { movieIds: number[]; monitored?: boolean };
    library.mutations.push(`PUT /api/v3/movie/editor ${JSON.stringify(body.movieIds)} ${body.monitored}`);
    for (const m of r.movies) if (body.movieIds.includes(m.id as number)) m.monitored = body.monitored;
    return json({}, 202);
  }
  if (fileDelete?.[1] === "moviefile") {
    const id = Number(fileDelete[2]);
    library.mutations.push(`DELETE /api/v3/moviefile/${id}`);
    const movie = r.movies.find((m) => (m.movieFile as { id?: number } | undefined)?.id === id);
    if (!movie) return json({ message: "Not found" }, 404);
    delete movie.movieFile;
    Object.assign(movie, { hasFile: false, movieFileId: 0 });
    return json({});
  }
  return undefined;
}

/** An UpdateResource as Sonarr/Radarr v3 serve it (the spec's field set; `changes` absent when empty). */
function updateResource(
  app: "sonarr" | "radarr",
  u: FakeArrUpdate,
  index: number,
): Record<string, unknown> {
  const title = app === "sonarr" ? "Sonarr" : "Radarr";
  const changes = u.new || u.fixed ? { new: u.new ?? [], fixed: u.fixed ?? [] } : null;
  return {
    id: index + 1,
    version: u.version,
    branch: "main",
    releaseDate: u.releaseDate,
    fileName: `${title}.main.${u.version}.linux-core-x64.tar.gz`,
    url: `https://download.example/${app}/${u.version}.tar.gz`,
    installed: u.installed ?? false,
    installedOn: u.installed ? u.releaseDate : null,
    installable: !u.installed,
    latest: index === 0,
    ...(changes === null ? {} : { changes }),
    hash: "0".repeat(64),
  };
}

/**
 * Rows of one series. Benchmarks serve 100,000 episodes: above 1,000 rows an index is built once per array
 * (tests that swap a row in place use small libraries, which are always filtered afresh).
 */
const INDEX_FROM_ROWS = 1_000;
const seriesIndex = new WeakMap<object, { length: number; rows: Map<string, Record<string, unknown>[]> }>();
function bySeries(all: Record<string, unknown>[], seriesId: string): Record<string, unknown>[] {
  if (all.length < INDEX_FROM_ROWS) return all.filter((row) => String(row.seriesId) === seriesId);
  let index = seriesIndex.get(all);
  if (index === undefined || index.length !== all.length) {
    const rows = new Map<string, Record<string, unknown>[]>();
    for (const row of all) {
      const key = String(row.seriesId);
      const list = rows.get(key);
      if (list === undefined) rows.set(key, [row]);
      else list.push(row);
    }
    seriesIndex.set(all, index = { length: all.length, rows });
  }
  return index.rows.get(seriesId) ?? [];
}
