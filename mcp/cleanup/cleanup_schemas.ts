/** Zod shapes of the cleanup tools' inputs and outputs. */
import { z } from "zod";

/** The rules a preview runs with when none are given: the ones the dashboard's summary is made with. */
export const DEFAULT_MIN_DAYS_SINCE_WATCHED = 14;
export const DEFAULT_REQUIRED_WATCHERS = "all_active";

export const ruleInput = {
  service: z.enum(["sonarr", "radarr"]).describe("sonarr: episodes; radarr: movies"),
  ids: z.array(z.number().int().positive()).max(1000).optional().describe(
    "Only these series/movie ids",
  ),
  min_days_since_watched: z.number().int().min(0).max(3650).default(DEFAULT_MIN_DAYS_SINCE_WATCHED).describe(
    "Grace days after the last watch",
  ),
  required_watchers: z.union([
    z.enum(["audience", "all_active"]),
    z.array(z.string().min(1).max(200)).max(50),
  ])
    .default(DEFAULT_REQUIRED_WATCHERS).describe(
      "Movies: audience (active users who watched), all_active or user names",
    ),
};

const item = {
  service: z.enum(["sonarr", "radarr"]),
  key: z.string(),
  series: z.string().optional(),
  movie: z.string().optional(),
  series_id: z.number().optional(),
  movie_id: z.number().optional(),
  season: z.number().optional(),
  episode: z.number().optional(),
  episode_id: z.number().optional(),
  file_id: z.number(),
  path: z.string(),
  size_bytes: z.number(),
  watched_by: z.array(z.string()),
  last_watched: z.string(),
};

export const previewOutput = {
  service: z.enum(["sonarr", "radarr"]),
  candidates: z.array(z.object({ ...item, reason: z.string() })),
  protected: z.array(z.object({ ...item, why: z.string() })),
  unmatched: z.array(
    z.object({ title: z.string(), year: z.number().optional(), guids: z.array(z.string()) }),
  ),
  not_watched: z.number(),
  total_bytes: z.number(),
  active_users: z.array(z.string()),
  unreadable: z.array(z.string()),
};

export const deleteOutput = {
  service: z.enum(["sonarr", "radarr"]),
  freed_bytes: z.number(),
  outcomes: z.array(z.object({
    file_id: z.number(),
    path: z.string(),
    size_bytes: z.number(),
    status: z.enum(["deleted", "unmonitor_failed", "delete_failed"]),
    message: z.string().optional(),
  })),
};

export const interestKey = z.string().regex(/^(tvdb:\d+|tmdb:\d+|imdb:tt\d+)$/).describe(
  "Preview key, e.g. tvdb:81189",
);

export const markOutput = z.object({
  user: z.string(),
  key: z.string(),
  state: z.enum(["keep", "done"]),
  set_at: z.string(),
});
