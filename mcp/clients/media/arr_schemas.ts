import { z } from "zod";

/**
 * Response shapes of the Servarr v1/v3 APIs, reduced to the fields arr-mcp reads. Objects are loose (unknown
 * fields pass through) and most fields are nullish because the specs mark them nullable.
 */

const str = z.string().nullish();
const num = z.number().nullish();

export const systemStatusSchema = z.looseObject({
  appName: str,
  version: z.string(),
  branch: str,
  isDocker: z.boolean().nullish(),
  urlBase: str,
  startTime: str,
});
export type SystemStatus = z.output<typeof systemStatusSchema>;

export const healthItemSchema = z.looseObject({
  source: str,
  type: z.string(),
  message: str,
  wikiUrl: z.unknown().optional(),
});
export const healthSchema = z.array(healthItemSchema);
export type HealthItem = z.output<typeof healthItemSchema>;

export const diskSpaceSchema = z.array(z.looseObject({
  path: str,
  label: str,
  freeSpace: z.number(),
  totalSpace: z.number(),
}));
export type DiskSpace = z.output<typeof diskSpaceSchema>[number];

/** `/rootfolder`: where the *arr keeps its library; free space only (the total comes from `/diskspace`). */
export const rootFolderSchema = z.array(z.looseObject({
  path: z.string(),
  accessible: z.boolean().nullish(),
  freeSpace: num,
}));
export type RootFolder = z.output<typeof rootFolderSchema>[number];

export const statusMessageSchema = z.looseObject({ title: str, messages: z.array(z.string()).nullish() });

export const queueRecordSchema = z.looseObject({
  id: z.number(),
  title: str,
  status: str,
  trackedDownloadStatus: str,
  trackedDownloadState: str,
  statusMessages: z.array(statusMessageSchema).nullish(),
  errorMessage: str,
  downloadId: str,
  protocol: str,
  downloadClient: str,
  size: num,
  sizeleft: num,
  timeleft: str,
  estimatedCompletionTime: str,
  seriesId: num,
  episodeId: num,
  movieId: num,
  artistId: num,
  albumId: num,
});
export type QueueRecord = z.output<typeof queueRecordSchema>;

export function pagingSchema<T extends z.ZodType>(record: T) {
  return z.looseObject({
    page: z.number(),
    pageSize: z.number(),
    totalRecords: z.number(),
    records: z.array(record).nullish().transform((records) => records ?? []),
  });
}
export interface Paged<T> {
  page: number;
  pageSize: number;
  totalRecords: number;
  records: T[];
}

export const queuePageSchema = pagingSchema(queueRecordSchema);
export const queueDetailsSchema = z.array(queueRecordSchema);

/** Episodes, movies and albums as returned by wanted/missing and calendar: only common fields are typed. */
export const mediaItemSchema = z.looseObject({
  id: z.number(),
  title: str,
  monitored: z.boolean().nullish(),
  seriesId: num,
  seasonNumber: num,
  episodeNumber: num,
  airDateUtc: str,
  hasFile: z.boolean().nullish(),
  year: num,
  releaseDate: str,
  inCinemas: str,
  digitalRelease: str,
  physicalRelease: str,
});
export type MediaItem = z.output<typeof mediaItemSchema>;
export const mediaPageSchema = pagingSchema(mediaItemSchema);
export const mediaListSchema = z.array(mediaItemSchema);

export const historyRecordSchema = z.looseObject({
  id: z.number(),
  eventType: z.union([z.string(), z.number()]).nullish(),
  sourceTitle: str,
  date: str,
  downloadId: str,
  successful: z.boolean().nullish(),
  data: z.record(z.string(), z.unknown()).nullish(),
});
export type HistoryRecord = z.output<typeof historyRecordSchema>;
export const historyPageSchema = pagingSchema(historyRecordSchema);

export const commandSchema = z.looseObject({
  id: z.number(),
  name: str,
  commandName: str,
  status: str,
  queued: str,
});
export type Command = z.output<typeof commandSchema>;

export const updateSchema = z.array(z.looseObject({
  version: z.string(),
  branch: str,
  releaseDate: str,
  installed: z.boolean().nullish(),
  installable: z.boolean().nullish(),
  latest: z.boolean().nullish(),
  /** What the version brings, one line per change (upgrade notes, mcp/upgrades/arr_notes.ts). */
  changes: z.looseObject({ new: z.array(z.string()).nullish(), fixed: z.array(z.string()).nullish() })
    .nullish(),
}));
export type UpdateInfo = z.output<typeof updateSchema>[number];

export const tagSchema = z.array(z.looseObject({ id: z.number(), label: z.string() }));
export type Tag = z.output<typeof tagSchema>[number];
