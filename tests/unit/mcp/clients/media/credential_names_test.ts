import assert from "node:assert/strict";
import { isCredentialName, plexUserOf } from "../../../../../mcp/clients/media/credential_fields.ts";

Deno.test("isCredentialName() takes the services and plex_user:<account>, nothing else", () => {
  for (
    const good of ["sonarr", "plex", "qbittorrent", "plex_user:Kid", "plex_user:Gran Ma", "plex_user:Zoë"]
  ) {
    assert.equal(isCredentialName(good), true, good);
  }
  const bad = ["", "Sonarr", "plex_user:", "plex_user", "plexuser:Kid", `plex_user:${"x".repeat(65)}`];
  for (const name of [...bad, "plex_user:a\nb", "plex_user:\u0007", "sonarr\n"]) {
    assert.equal(isCredentialName(name), false, JSON.stringify(name));
  }
  assert.equal(plexUserOf("plex_user:Kid"), "Kid");
  assert.equal(plexUserOf("plex"), undefined);
});
