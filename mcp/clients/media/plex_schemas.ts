import { z } from "zod";

/** Plex Media Server JSON shapes (Accept: application/json), reduced to what arr-mcp reads. */

const str = z.string().nullish();
const num = z.number().nullish();
/** PMS sends some ids as numbers and some as strings (history's librarySectionID is a string). */
const id = z.union([z.string(), z.number()]).nullish().transform((value) =>
  value === null || value === undefined ? undefined : String(value)
);

export const identitySchema = z.looseObject({
  MediaContainer: z.looseObject({
    machineIdentifier: z.string(),
    version: z.string(),
    claimed: z.boolean().nullish(),
  }),
});

/**
 * Bulk items (library pages, history) are plain objects: only the declared fields are kept. A loose object
 * copies every other key of every item, and Plex items carry dozens (Media, Part, summaries): on a 100,000-item
 * read that was ~10x the time of the whole validation. Unknown keys are still accepted, only not copied.
 */
export const metadataItemSchema = z.object({
  ratingKey: id,
  key: str,
  title: str,
  type: str,
  year: num,
  grandparentTitle: str,
  parentTitle: str,
  librarySectionID: id,
  viewCount: num,
  lastViewedAt: num,
  addedAt: num,
  duration: num,
  /** Leaves (episodes): the show's ratingKey, the season and episode numbers. */
  grandparentRatingKey: id,
  parentIndex: num,
  index: num,
  /**
   * External ids with `includeGuids=1`: `tvdb://…`, `tmdb://…`, `imdb://…`. An id that is not a string counts
   * as no id (never guessed): the published OpenAPI file gives an object as its `example`, so Prism serves one.
   */
  Guid: z.array(z.object({ id: z.unknown().transform((v) => typeof v === "string" ? v : null) }))
    .nullish(),
});
export type PlexMetadata = z.output<typeof metadataItemSchema>;

/**
 * A library item as cleanup's bulk read keeps it (sectionItemsOfType): only what stable-id matching, watch
 * state and the unmatched list read. 100,000 episodes are held at once; every other field would be parsed,
 * copied and dropped again.
 */
export const libraryItemSchema = metadataItemSchema.pick({
  ratingKey: true,
  grandparentRatingKey: true,
  parentIndex: true,
  index: true,
  title: true,
  year: true,
  type: true,
  Guid: true,
  viewCount: true,
  lastViewedAt: true,
});
export type PlexLibraryItem = z.output<typeof libraryItemSchema>;

export const sessionItemSchema = metadataItemSchema.extend({
  viewOffset: num,
  User: z.looseObject({ id: id, title: str }).nullish(),
  Player: z.looseObject({ title: str, product: str, state: str, local: z.boolean().nullish() }).nullish(),
  Session: z.looseObject({ bandwidth: num, location: str }).nullish(),
});
export type PlexSession = z.output<typeof sessionItemSchema>;

function container<T extends z.ZodType>(field: string, item: T) {
  return z.looseObject({
    MediaContainer: z.looseObject({
      size: num,
      totalSize: num,
      offset: num,
      [field]: z.array(item).nullish(),
    }),
  });
}

export const sessionsSchema = container("Metadata", sessionItemSchema);
export const metadataSchema = container("Metadata", metadataItemSchema);
export const librarySchema = container("Metadata", libraryItemSchema);

export const sectionSchema = z.looseObject({
  key: id,
  title: str,
  type: str,
  agent: str,
  scanner: str,
  updatedAt: num,
});
export type PlexSection = z.output<typeof sectionSchema>;
export const sectionsSchema = container("Directory", sectionSchema);

export const accountSchema = z.looseObject({ id: z.number(), name: str, key: str });
export type PlexAccount = z.output<typeof accountSchema>;
export const accountsSchema = container("Account", accountSchema);

/** A bulk item too (see metadataItemSchema): the declared fields only. */
export const historyItemSchema = z.object({
  historyKey: str,
  ratingKey: id,
  key: str,
  title: str,
  type: str,
  grandparentTitle: str,
  accountID: num,
  deviceID: num,
  librarySectionID: id,
  viewedAt: num,
});
export type PlexHistoryItem = z.output<typeof historyItemSchema>;
export const historySchema = container("Metadata", historyItemSchema);
