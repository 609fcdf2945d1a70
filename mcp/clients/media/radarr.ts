import { z } from "zod";
import { ArrClient, type ArrClientOptions } from "./arr.ts";
import { ARR_APPS } from "./arr_apps.ts";
import type { ServiceResult } from "./service_error.ts";

const str = z.string().nullish();

export const movieSchema = z.array(z.looseObject({
  id: z.number(),
  title: z.string().nullish(),
  year: z.number().nullish(),
  monitored: z.boolean().nullish(),
  hasFile: z.boolean().nullish(),
  path: str,
  sizeOnDisk: z.number().nullish(),
  tmdbId: z.number().nullish(),
  imdbId: str,
  added: str,
  tags: z.array(z.number()).nullish(),
  movieFile: z.looseObject({ id: z.number(), path: str, relativePath: str, size: z.number().nullish() })
    .nullish(),
}));
export type Movie = z.output<typeof movieSchema>[number];

export const movieFileSchema = z.array(z.looseObject({
  id: z.number(),
  movieId: z.number().nullish(),
  relativePath: str,
  path: str,
  size: z.number().nullish(),
  dateAdded: str,
}));
export type MovieFile = z.output<typeof movieFileSchema>[number];

/** Radarr (API v3): the shared Servarr calls plus movies and movie files. */
export class RadarrClient extends ArrClient {
  constructor(options: ArrClientOptions) {
    super(ARR_APPS.radarr, options);
  }

  movies(): Promise<ServiceResult<Movie[]>> {
    return this.get("/movie", movieSchema);
  }

  /** Files of the given movies; Radarr answers 400 without a movie id. */
  movieFiles(movieIds: readonly number[]): Promise<ServiceResult<MovieFile[]>> {
    return this.get("/moviefile", movieFileSchema, { movieId: [...movieIds] });
  }

  /** Deletes a file from disk. Destructive: callers must confirm first. */
  deleteMovieFile(id: number): Promise<ServiceResult<void>> {
    return this.http.empty({ method: "DELETE", path: this.api(`/moviefile/${id}`) });
  }

  /** Deletes several files from disk. Destructive: callers must confirm first. */
  deleteMovieFiles(ids: readonly number[]): Promise<ServiceResult<void>> {
    return this.http.empty({
      method: "DELETE",
      path: this.api("/moviefile/bulk"),
      json: { movieFileIds: [...ids] },
    });
  }

  /** Radarr has no per-movie monitor endpoint; the movie editor sets `monitored` for many at once. */
  setMoviesMonitored(movieIds: readonly number[], monitored: boolean): Promise<ServiceResult<void>> {
    return this.http.empty({
      method: "PUT",
      path: this.api("/movie/editor"),
      json: { movieIds: [...movieIds], monitored },
    });
  }
}
