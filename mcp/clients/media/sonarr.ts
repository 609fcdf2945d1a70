import { z } from "zod";
import { ArrClient, type ArrClientOptions } from "./arr.ts";
import { ARR_APPS } from "./arr_apps.ts";
import type { ServiceResult } from "./service_error.ts";

const str = z.string().nullish();

export const seriesSchema = z.array(z.looseObject({
  id: z.number(),
  title: z.string(),
  year: z.number().nullish(),
  monitored: z.boolean().nullish(),
  path: str,
  tvdbId: z.number().nullish(),
  tmdbId: z.number().nullish(),
  imdbId: str,
  /** continuing | ended | upcoming | deleted */
  status: str,
  ended: z.boolean().nullish(),
  added: str,
  tags: z.array(z.number()).nullish(),
  seasons: z.array(z.looseObject({ seasonNumber: z.number() })).nullish(),
  statistics: z.looseObject({
    episodeFileCount: z.number().nullish(),
    episodeCount: z.number().nullish(),
    sizeOnDisk: z.number().nullish(),
  }).nullish(),
}));
export type Series = z.output<typeof seriesSchema>[number];

/** Bulk items (a series' episodes and files) keep only the declared fields: see plex_schemas.ts. */
const episodeFileItem = z.object({
  id: z.number(),
  seriesId: z.number().nullish(),
  seasonNumber: z.number().nullish(),
  relativePath: str,
  path: str,
  size: z.number().nullish(),
  dateAdded: str,
});
export const episodeFileSchema = z.array(episodeFileItem);
export type EpisodeFile = z.output<typeof episodeFileSchema>[number];

export const episodeSchema = z.array(z.object({
  id: z.number(),
  seriesId: z.number(),
  seasonNumber: z.number(),
  episodeNumber: z.number(),
  title: str,
  airDateUtc: str,
  hasFile: z.boolean().nullish(),
  monitored: z.boolean().nullish(),
  episodeFileId: z.number().nullish(),
  /** Only with `includeEpisodeFile=true` (Sonarr v4); Sonarr v3 leaves it out. */
  episodeFile: episodeFileItem.nullish(),
}));
export type Episode = z.output<typeof episodeSchema>[number];

/** Sonarr (API v3, used by Sonarr 3 and 4): the shared Servarr calls plus series, episodes and files. */
export class SonarrClient extends ArrClient {
  constructor(options: ArrClientOptions) {
    super(ARR_APPS.sonarr, options);
  }

  series(): Promise<ServiceResult<Series[]>> {
    return this.get("/series", seriesSchema);
  }

  /**
   * Episodes of one series; Sonarr answers 400 without a series id. `includeEpisodeFile` (Sonarr v4) puts each
   * episode's file inline, so one call reads both; Sonarr v3 ignores it.
   */
  episodes(
    seriesId: number,
    seasonNumber?: number,
    options: { includeEpisodeFile?: boolean } = {},
  ): Promise<ServiceResult<Episode[]>> {
    const includeEpisodeFile = options.includeEpisodeFile ? true : undefined;
    return this.get("/episode", episodeSchema, { seriesId, seasonNumber, includeEpisodeFile });
  }

  episodeFiles(seriesId: number): Promise<ServiceResult<EpisodeFile[]>> {
    return this.get("/episodefile", episodeFileSchema, { seriesId });
  }

  /** Deletes a file from disk. Destructive: callers must confirm first. */
  deleteEpisodeFile(id: number): Promise<ServiceResult<void>> {
    return this.http.empty({ method: "DELETE", path: this.api(`/episodefile/${id}`) });
  }

  /** Deletes several files from disk. Destructive: callers must confirm first. */
  deleteEpisodeFiles(ids: readonly number[]): Promise<ServiceResult<void>> {
    return this.http.empty({
      method: "DELETE",
      path: this.api("/episodefile/bulk"),
      json: { episodeFileIds: [...ids] },
    });
  }

  setEpisodesMonitored(episodeIds: readonly number[], monitored: boolean): Promise<ServiceResult<void>> {
    return this.http.empty({
      method: "PUT",
      path: this.api("/episode/monitor"),
      json: { episodeIds: [...episodeIds], monitored },
    });
  }
}
