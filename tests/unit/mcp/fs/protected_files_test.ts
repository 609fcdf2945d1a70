import assert from "node:assert/strict";
import { protectionOf } from "../../../../mcp/fs/protected_files.ts";

Deno.test("protectionOf() marks service databases and their journals as databases", () => {
  for (
    const p of [
      "/c/sonarr.db",
      "/c/radarr.db-wal",
      "/c/logs.db-shm",
      "/c/x.sqlite",
      "/c/y.SQLITE3",
      "/c/z-journal",
    ]
  ) {
    assert.equal(protectionOf(p)?.kind, "database", p);
    assert.equal(protectionOf(p)?.redactedView, false);
  }
});

Deno.test("protectionOf() marks secret-bearing service configs and offers a redacted view", () => {
  for (
    const p of [
      "/c/config.xml",
      "/c/Library/Application Support/Plex Media Server/Preferences.xml",
      "/c/sabnzbd.ini",
      "/c/qBittorrent/qBittorrent.conf",
      "/c/settings.json",
      "/c/config/config.yaml",
    ]
  ) {
    assert.equal(protectionOf(p)?.kind, "secret-config", p);
    assert.equal(protectionOf(p)?.redactedView, true);
  }
});

Deno.test("protectionOf() refuses key material outright and gives env files a redacted view", () => {
  for (const p of ["/s/tls.key", "/s/cert.pem", "/home/x/.ssh/id_ed25519", "/s/.htpasswd"]) {
    assert.deepEqual([protectionOf(p)?.kind, protectionOf(p)?.redactedView], ["secret", false], p);
  }
  for (const p of ["/s/stack/.env", "/s/stack/.env.local", "/s/stack/prod.env"]) {
    assert.deepEqual([protectionOf(p)?.kind, protectionOf(p)?.redactedView], ["secret", true], p);
  }
});

Deno.test("protectionOf() lets ordinary files through", () => {
  for (
    const p of ["/s/stack/compose.yaml", "/m/tv/show.mkv", "/l/sonarr.txt", "/s/notes.md", "/s/environment"]
  ) {
    assert.equal(protectionOf(p), undefined, p);
  }
});
