/** The Servarr applications arr-mcp talks to, as data: API version and which API areas each one has. */
export type ArrAppName = "sonarr" | "radarr" | "prowlarr" | "lidarr";
export type ArrFeature = "queue" | "wanted" | "calendar" | "diskspace";

export interface ArrApp {
  name: ArrAppName;
  title: string;
  apiVersion: "v1" | "v3";
  features: readonly ArrFeature[];
  /** Command that searches every missing monitored item, if the app has one. */
  missingSearchCommand?: string;
}

export const ARR_APPS: Readonly<Record<ArrAppName, ArrApp>> = {
  sonarr: {
    name: "sonarr",
    title: "Sonarr",
    apiVersion: "v3",
    features: ["queue", "wanted", "calendar", "diskspace"],
    missingSearchCommand: "MissingEpisodeSearch",
  },
  radarr: {
    name: "radarr",
    title: "Radarr",
    apiVersion: "v3",
    features: ["queue", "wanted", "calendar", "diskspace"],
    missingSearchCommand: "MissingMoviesSearch",
  },
  lidarr: {
    name: "lidarr",
    title: "Lidarr",
    apiVersion: "v1",
    features: ["queue", "wanted", "calendar", "diskspace"],
    missingSearchCommand: "MissingAlbumSearch",
  },
  // Prowlarr manages indexers: it has no queue, wanted list, calendar or disk space API.
  prowlarr: { name: "prowlarr", title: "Prowlarr", apiVersion: "v1", features: [] },
};

export function isArrAppName(name: string): name is ArrAppName {
  return Object.hasOwn(ARR_APPS, name);
}
