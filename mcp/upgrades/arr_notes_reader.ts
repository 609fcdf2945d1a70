/**
 * Release notes from the *arr app a container runs: when its image ships Sonarr, Radarr, Prowlarr or Lidarr and
 * that service is configured (a URL and an API key in the service registry), the app's version
 * (`system/status`) and its own update list (`update`), mapped by arr_notes.ts. Any failure is "no notes"
 * (null): the GitHub notes and the kind still decide. Never throws.
 */
import { ARR_APPS, isArrAppName } from "../clients/media/arr_apps.ts";
import { serviceForImage } from "../clients/media/known_services.ts";
import type { ServiceRegistry } from "../clients/media/registry.ts";
import { type ArrNotes, arrUpdateNotes } from "./arr_notes.ts";

/** The app's notes for an image, up to the candidate's version when it is known. */
export type AppNotesReader = (image: string, upTo?: string) => Promise<ArrNotes | null>;

export function createArrNotes(services: Pick<ServiceRegistry, "getClient">): AppNotesReader {
  return async (image, upTo) => {
    const name = serviceForImage(image)?.key ?? "";
    if (!isArrAppName(name)) return null;
    const client = await services.getClient(name);
    if (!client.ok) return null;
    const [status, updates] = await Promise.all([client.value.systemStatus(), client.value.updates()]);
    if (!status.ok || !updates.ok) return null;
    return arrUpdateNotes(ARR_APPS[name].title, status.value.version, updates.value, upTo);
  };
}
