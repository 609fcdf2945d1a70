/**
 * The environment variables that configure a media service, as the Services page tells a user to set them:
 * its URL variable and each accepted credential shape (`QBITTORRENT_USERNAME + QBITTORRENT_PASSWORD`).
 */
import { CREDENTIAL_SHAPES, isServiceName } from "../clients/media/credential_fields.ts";
import { URL_ENV } from "../clients/media/registry.ts";

export function serviceSetupVars(service: string): { url_env: string; credential_env: string[] } {
  if (!isServiceName(service)) return { url_env: `${service.toUpperCase()}_URL`, credential_env: [] };
  return {
    url_env: URL_ENV[service],
    credential_env: CREDENTIAL_SHAPES[service].map((shape) => Object.values(shape).join(" + ")),
  };
}
