/** Reads what cleanup needs from Sonarr or Radarr; a failed read is an error naming it (fail closed). */
import { err, ok, type Result } from "../../shared/result.ts";
import type { RadarrClient } from "../clients/media/radarr.ts";
import type { Episode, EpisodeFile, SonarrClient } from "../clients/media/sonarr.ts";
import type { SonarrLibrary } from "./episode_facts.ts";
import type { RadarrLibrary } from "./movie_facts.ts";

export type SonarrReads = Pick<SonarrClient, "series" | "tags" | "episodes" | "episodeFiles">;
export type RadarrReads = Pick<RadarrClient, "movies" | "tags">;

/** `seriesIds`: only these series (all when undefined). */
export async function readSonarrLibrary(
  sonarr: SonarrReads,
  seriesIds: readonly number[] | undefined,
): Promise<Result<SonarrLibrary, string>> {
  const series = await sonarr.series();
  if (!series.ok) return err(`Sonarr series: ${series.error.message}`);
  const tags = await sonarr.tags();
  if (!tags.ok) return err(`Sonarr tags: ${tags.error.message}`);
  const wanted = series.value.filter((s) => seriesIds === undefined || seriesIds.includes(s.id));
  const allEpisodes: Episode[] = [];
  const allFiles: EpisodeFile[] = [];
  for (const s of wanted) {
    if ((s.statistics?.episodeFileCount ?? 1) === 0) continue;
    const episodes = await sonarr.episodes(s.id);
    if (!episodes.ok) return err(`Sonarr episodes of "${s.title}" (${s.id}): ${episodes.error.message}`);
    const files = await sonarr.episodeFiles(s.id);
    if (!files.ok) return err(`Sonarr episode files of "${s.title}" (${s.id}): ${files.error.message}`);
    allEpisodes.push(...episodes.value);
    allFiles.push(...files.value);
  }
  return ok({ series: wanted, tags: tags.value, episodes: allEpisodes, files: allFiles });
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
