import assert from "node:assert/strict";
import {
  readSonarrLibrary,
  SERIES_READ_CONCURRENCY,
  type SonarrReads,
} from "../../../../mcp/cleanup/arr_library.ts";
import type { Episode, EpisodeFile, Series } from "../../../../mcp/clients/media/sonarr.ts";
import type { ServiceResult } from "../../../../mcp/clients/media/service_error.ts";
import { err, ok } from "../../../../shared/result.ts";

const series = (n: number): Series[] =>
  Array.from(
    { length: n },
    (_, i) => ({ id: i + 1, title: `Show ${i + 1}`, statistics: { episodeFileCount: 2 } }),
  );
const fileOf = (seriesId: number, e: number): EpisodeFile => ({
  id: seriesId * 100 + e,
  seriesId,
  path: `/tv/${seriesId}/${e}.mkv`,
  size: 1000 + e,
});
const episodesOf = (seriesId: number, inline: boolean): Episode[] =>
  [1, 2].map((e) => ({
    id: seriesId * 10 + e,
    seriesId,
    seasonNumber: 1,
    episodeNumber: e,
    hasFile: true,
    episodeFileId: seriesId * 100 + e,
    ...(inline ? { episodeFile: fileOf(seriesId, e) } : {}),
  }));

/** A Sonarr read port that records its calls and holds each episode read until released. */
function fakeSonarr(options: { count: number; inline: boolean; failSeries?: number }) {
  const calls: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const reads: SonarrReads = {
    series: () => Promise.resolve(ok(series(options.count))),
    tags: () => Promise.resolve(ok([])),
    episodes: async (seriesId, _season, opts) => {
      calls.push(`episode ${seriesId} includeEpisodeFile=${opts?.includeEpisodeFile === true}`);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 0));
      inFlight--;
      if (seriesId === options.failSeries) {
        return err({ service: "sonarr", kind: "http", status: 500, message: "HTTP 500" }) as ServiceResult<
          Episode[]
        >;
      }
      return ok(episodesOf(seriesId, options.inline));
    },
    episodeFiles: (seriesId) => {
      calls.push(`episodefile ${seriesId}`);
      return Promise.resolve(ok([fileOf(seriesId, 1), fileOf(seriesId, 2)]));
    },
  };
  return { reads, calls, maxInFlight: () => maxInFlight };
}

Deno.test("readSonarrLibrary() reads each series once with its files inline (Sonarr v4), bounded", async () => {
  const sonarr = fakeSonarr({ count: 20, inline: true });
  const library = await readSonarrLibrary(sonarr.reads, undefined);
  assert.ok(library.ok);
  assert.equal(sonarr.calls.length, 20);
  assert.ok(sonarr.calls.every((c) => c.startsWith("episode ") && c.endsWith("includeEpisodeFile=true")));
  assert.ok(sonarr.maxInFlight() <= SERIES_READ_CONCURRENCY, `in flight: ${sonarr.maxInFlight()}`);
  assert.equal(library.value.episodes.length, 40);
  assert.equal(library.value.files.length, 40);
  assert.equal(
    library.value.episodes.some((e) => "episodeFile" in e),
    false,
    "files are kept once, in files",
  );
  assert.deepEqual(library.value.episodes.map((e) => e.seriesId).slice(0, 4), [1, 1, 2, 2], "series order");
});

Deno.test("readSonarrLibrary() reads a series' files separately when Sonarr v3 ignores includeEpisodeFile", async () => {
  const sonarr = fakeSonarr({ count: 3, inline: false });
  const library = await readSonarrLibrary(sonarr.reads, undefined);
  assert.ok(library.ok);
  assert.deepEqual(sonarr.calls.filter((c) => c.startsWith("episodefile")).sort(), [
    "episodefile 1",
    "episodefile 2",
    "episodefile 3",
  ]);
  assert.deepEqual(library.value.files.map((f) => f.id).sort((a, b) => a - b), [
    101,
    102,
    201,
    202,
    301,
    302,
  ]);
});

Deno.test("readSonarrLibrary() fails closed on one failed series and stops sending reads", async () => {
  const sonarr = fakeSonarr({ count: 40, inline: true, failSeries: 2 });
  const library = await readSonarrLibrary(sonarr.reads, undefined);
  assert.deepEqual(library, { ok: false, error: 'Sonarr episodes of "Show 2" (2): HTTP 500' });
  assert.ok(sonarr.calls.length < 40, `calls after the failure: ${sonarr.calls.length}`);
});
