/** Reads what cleanup needs from Sonarr or Radarr; a failed read is an error naming it (fail closed). */
import { err, ok, type Result } from "../../shared/result.ts";
import type { RadarrClient } from "../clients/media/radarr.ts";
import { mapLimit } from "../clients/runtime/store/map_limit.ts";
import type { Episode, EpisodeFile, Series, SonarrClient } from "../clients/media/sonarr.ts";
import type { SonarrLibrary } from "./episode_facts.ts";
import type { RadarrLibrary } from "./movie_facts.ts";

export type SonarrReads = Pick<SonarrClient, "series" | "tags" | "episodes" | "episodeFiles">;
export type RadarrReads = Pick<RadarrClient, "movies" | "tags">;

/**
 * Series read at once. Sonarr has no bulk episode read across series, so each series is one call (two on
 * Sonarr v3); the client's own limit (4 in flight) is the real bound, this one keeps the queue of waiting
 * promises short.
 */
export const SERIES_READ_CONCURRENCY = 4;

/**
 * `seriesIds`: only these series (all when undefined). `worthReading`: of those, the series whose episodes are
 * read (watched_series.ts); the others' files are counted, from the series' statistics, as `unreadFiles`.
 */
export async function readSonarrLibrary(
  sonarr: SonarrReads,
  seriesIds: readonly number[] | undefined,
  worthReading?: (series: readonly Series[]) => ReadonlySet<number>,
): Promise<Result<SonarrLibrary, string>> {
  const series = await sonarr.series();
  if (!series.ok) return err(`Sonarr series: ${series.error.message}`);
  const tags = await sonarr.tags();
  if (!tags.ok) return err(`Sonarr tags: ${tags.error.message}`);
  const wanted = series.value.filter((s) => seriesIds === undefined || seriesIds.includes(s.id));
  const read = worthReading?.(wanted);
  const skipped = read === undefined ? [] : wanted.filter((s) => !read.has(s.id));
  const withFiles = wanted.filter((s) =>
    (s.statistics?.episodeFileCount ?? 1) !== 0 && read?.has(s.id) !== false
  );
  let failure: string | undefined;
  const perSeries = await mapLimit(withFiles, SERIES_READ_CONCURRENCY, async (s) => {
    // Fail closed, and fast: once one read failed, the rest are not sent.
    if (failure !== undefined) return undefined;
    const read = await readSeries(sonarr, s);
    if (!read.ok) failure ??= read.error;
    return read.ok ? read.value : undefined;
  });
  if (failure !== undefined) return err(failure);
  const episodes: Episode[] = [];
  const files: EpisodeFile[] = [];
  for (const read of perSeries) {
    for (const episode of read!.episodes) episodes.push(episode);
    for (const file of read!.files) files.push(file);
  }
  const unreadFiles = skipped.reduce((sum, s) => sum + (s.statistics?.episodeFileCount ?? 0), 0);
  return ok({ series: wanted, tags: tags.value, episodes, files, unreadFiles });
}

/**
 * One series' episodes with their files inline (`includeEpisodeFile`, Sonarr v4). When an episode says it has
 * a file but carries none (Sonarr v3 ignores the flag), the series' files are read separately.
 */
async function readSeries(
  sonarr: SonarrReads,
  s: Series,
): Promise<Result<{ episodes: Episode[]; files: EpisodeFile[] }, string>> {
  const episodes = await sonarr.episodes(s.id, undefined, { includeEpisodeFile: true });
  if (!episodes.ok) return err(`Sonarr episodes of "${s.title}" (${s.id}): ${episodes.error.message}`);
  const inline = episodes.value.every((e) => !hasFile(e) || e.episodeFile?.id === e.episodeFileId);
  if (inline) {
    const files = episodes.value.flatMap((e) => hasFile(e) && e.episodeFile ? [slimFile(e.episodeFile)] : []);
    return ok({ episodes: episodes.value.map(slimEpisode), files: unique(files) });
  }
  const files = await sonarr.episodeFiles(s.id);
  if (!files.ok) return err(`Sonarr episode files of "${s.title}" (${s.id}): ${files.error.message}`);
  return ok({ episodes: episodes.value.map(slimEpisode), files: files.value.map(slimFile) });
}

function hasFile(e: Episode): boolean {
  return e.hasFile !== false && (e.episodeFileId ?? 0) > 0;
}

/**
 * What cleanup reads of an episode and a file: a real Sonarr episode carries its overview, images and (inline)
 * the file's media info; 100,000 of them are held at once. The inline file is kept once, in `files`.
 */
function slimEpisode(e: Episode): Episode {
  const { id, seriesId, seasonNumber, episodeNumber, hasFile, monitored, episodeFileId } = e;
  return { id, seriesId, seasonNumber, episodeNumber, hasFile, monitored, episodeFileId };
}

function slimFile(f: EpisodeFile): EpisodeFile {
  const { id, seriesId, seasonNumber, relativePath, path, size } = f;
  return { id, seriesId, seasonNumber, relativePath, path, size };
}

/** A multi-episode file is inline on each of its episodes. */
function unique(files: EpisodeFile[]): EpisodeFile[] {
  return [...new Map(files.map((f) => [f.id, f])).values()];
}

export async function readRadarrLibrary(
  radarr: RadarrReads,
  movieIds: readonly number[] | undefined,
): Promise<Result<RadarrLibrary, string>> {
  const movies = await radarr.movies();
  if (!movies.ok) return err(`Radarr movies: ${movies.error.message}`);
  const tags = await radarr.tags();
  if (!tags.ok) return err(`Radarr tags: ${tags.error.message}`);
  return ok({
    movies: movies.value.filter((m) => movieIds === undefined || movieIds.includes(m.id)),
    tags: tags.value,
  });
}
