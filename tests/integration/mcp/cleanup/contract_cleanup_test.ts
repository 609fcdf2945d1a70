/**
 * Contract: every Plex, Sonarr and Radarr call the cleanup code makes, sent by the cleanup readers and the delete
 * plan themselves to Prism mocking the OpenAPI documents (tests/fixtures/specs). Prism answers 404/422/401 to a
 * wrong path, parameter, body or missing key, so a recorded 2xx for every request proves each call matches the
 * spec, and the readers' ok results prove the zod schemas accept the spec's shapes.
 */
import assert from "node:assert/strict";
import { readRadarrLibrary, readSonarrLibrary } from "../../../../mcp/cleanup/arr_library.ts";
import { deleteChosen } from "../../../../mcp/cleanup/delete_plan.ts";
import { readPlexLibrary } from "../../../../mcp/cleanup/plex_library.ts";
import { PlexClient } from "../../../../mcp/clients/media/plex.ts";
import { RadarrClient } from "../../../../mcp/clients/media/radarr.ts";
import { SonarrClient } from "../../../../mcp/clients/media/sonarr.ts";
import { patchArrSpec, patchPlexSpec, startPrism } from "../clients/media/_prism.ts";

/** A fetch that records "METHOD /path?query → status" for every request it sends. */
function recordingFetch() {
  const sent: { method: string; path: string; query: string; status: number }[] = [];
  const recording: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const response = await fetch(request);
    const url = new URL(request.url);
    sent.push({ method: request.method, path: url.pathname, query: url.search, status: response.status });
    return response;
  };
  return { fetch: recording, sent };
}

/** The distinct "METHOD /path" a run sent, with ids in paths (numbers, Plex section keys) as {id}. */
function routes(sent: { method: string; path: string }[]): string[] {
  return [...new Set(sent.map((r) => `${r.method} ${template(r.path)}`))].sort();
}

const SECTION_ITEMS = /^\/library\/sections\/(?!all$)[^/]+\/all$/;

function template(path: string): string {
  return SECTION_ITEMS.test(path) ? "/library/sections/{id}/all" : path.replace(/\/-?\d+(?=\/|$)/g, "/{id}");
}

function assertAllAccepted(sent: { method: string; path: string; query: string; status: number }[]) {
  const rejected = sent.filter((r) => r.status < 200 || r.status > 299);
  assert.deepEqual(rejected, [], "Prism rejected these requests");
}

Deno.test("cleanup's Plex reads match the Plex OpenAPI contract (Prism)", async () => {
  await using prism = await startPrism("plex.json", patchPlexSpec);
  const rec = recordingFetch();
  const plex = new PlexClient({
    baseUrl: prism.url,
    fetch: rec.fetch,
    token: "plex-token-0123456789",
    clientIdentifier: "arr-mcp-test",
    retries: 0,
  });
  for (const kind of ["show", "movie"] as const) {
    const library = await readPlexLibrary(plex, kind);
    assert.ok(library.ok, JSON.stringify(library));
  }
  assertAllAccepted(rec.sent);
  assert.deepEqual(routes(rec.sent), [
    "GET /accounts",
    "GET /library/sections/all",
    "GET /library/sections/{id}/all",
    "GET /status/sessions/history/all",
  ]);
  const sectionReads = rec.sent.filter((r) => SECTION_ITEMS.test(r.path));
  assert.ok(sectionReads.length > 0);
  assert.ok(
    sectionReads.every((r) => /includeGuids=1/.test(r.query) && /X-Plex-Container-Size=/.test(r.query)),
  );
});

Deno.test("cleanup's Sonarr reads, unmonitor and delete match the Sonarr v3 contract (Prism)", async () => {
  await using prism = await startPrism("sonarr.json", patchArrSpec);
  const rec = recordingFetch();
  const sonarr = new SonarrClient({
    baseUrl: prism.url,
    fetch: rec.fetch,
    apiKey: "0123456789abcdef",
    retries: 0,
  });
  const v4 = await readSonarrLibrary(sonarr, undefined);
  assert.ok(v4.ok, JSON.stringify(v4));
  // Sonarr v3 answers without the inline file: the reader falls back to /episodefile?seriesId.
  const v3: typeof sonarr = Object.assign(Object.create(sonarr), {
    episodes: async (...args: Parameters<typeof sonarr.episodes>) => {
      const read = await sonarr.episodes(...args);
      return read.ok
        ? {
          ok: true,
          value: read.value.map((e) => ({ ...e, hasFile: true, episodeFileId: 7, episodeFile: null })),
        }
        : read;
    },
  });
  const fallback = await readSonarrLibrary(v3, undefined);
  assert.ok(fallback.ok, JSON.stringify(fallback));
  const outcomes = await deleteChosen({ service: "sonarr", client: sonarr }, {
    service: "sonarr",
    items: [{ file_id: 7, item_id: 70, size_bytes: 1, path: "/tv/a.mkv" }],
  });
  assert.deepEqual(outcomes.map((o) => o.status), ["deleted"]);
  assertAllAccepted(rec.sent);
  assert.deepEqual(routes(rec.sent), [
    "DELETE /api/v3/episodefile/{id}",
    "GET /api/v3/episode",
    "GET /api/v3/episodefile",
    "GET /api/v3/series",
    "GET /api/v3/tag",
    "PUT /api/v3/episode/monitor",
  ]);
  assert.ok(rec.sent.some((r) => r.path === "/api/v3/episode" && /includeEpisodeFile=true/.test(r.query)));
});

Deno.test("cleanup's Radarr reads, unmonitor and delete match the Radarr v3 contract (Prism)", async () => {
  await using prism = await startPrism("radarr.json", patchArrSpec);
  const rec = recordingFetch();
  const radarr = new RadarrClient({
    baseUrl: prism.url,
    fetch: rec.fetch,
    apiKey: "0123456789abcdef",
    retries: 0,
  });
  const library = await readRadarrLibrary(radarr, undefined);
  assert.ok(library.ok, JSON.stringify(library));
  const outcomes = await deleteChosen({ service: "radarr", client: radarr }, {
    service: "radarr",
    items: [{ file_id: 9, item_id: 3, size_bytes: 1, path: "/movies/a.mkv" }],
  });
  assert.deepEqual(outcomes.map((o) => o.status), ["deleted"]);
  assertAllAccepted(rec.sent);
  assert.deepEqual(routes(rec.sent), [
    "DELETE /api/v3/moviefile/{id}",
    "GET /api/v3/movie",
    "GET /api/v3/tag",
    "PUT /api/v3/movie/editor",
  ]);
});
