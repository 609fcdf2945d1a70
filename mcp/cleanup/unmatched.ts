import type { PlexLibraryItem } from "../clients/media/plex_schemas.ts";

/** A Plex show or movie no Sonarr/Radarr item matched by stable id: listed for a person, never guessed. */
export interface Unmatched {
  title: string;
  year?: number;
  guids: string[];
}

export function unmatchedOf(item: PlexLibraryItem): Unmatched {
  return {
    title: item.title ?? "",
    ...(typeof item.year === "number" ? { year: item.year } : {}),
    guids: (item.Guid ?? []).map((g) => g.id ?? "").filter((id) => id !== ""),
  };
}
