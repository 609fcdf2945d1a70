import assert from "node:assert/strict";
import { startGithubFake } from "../../../fakes/github_fake.ts";
import { createGithubNotes, githubRepoOf } from "../../../../mcp/upgrades/github_notes.ts";

Deno.test("githubRepoOf() reads owner/repo from source labels", () => {
  assert.equal(githubRepoOf("https://github.com/linuxserver/docker-sonarr"), "linuxserver/docker-sonarr");
  assert.equal(githubRepoOf("https://github.com/Sonarr/Sonarr.git"), "Sonarr/Sonarr");
  assert.equal(githubRepoOf("https://github.com/o/r/tree/main/docker"), "o/r");
  assert.equal(githubRepoOf("git@github.com:o/r.git"), "o/r");
  assert.equal(githubRepoOf("https://gitlab.com/o/r"), null);
  assert.equal(githubRepoOf(""), null);
});

Deno.test("GitHub notes: the release of the tag (or v-tag), cached, with the token when given", async () => {
  await using gh = startGithubFake();
  gh.token = "ghp_secret";
  gh.releases.set("linuxserver/docker-sonarr", [{ tag_name: "4.0.15.2941-ls280", body: "Breaking: moved" }]);
  gh.releases.set("o/app", [{ tag_name: "v1.2.4", body: "- fixes" }]);
  let now = 0;
  const notes = createGithubNotes({ fetch, clock: { now: () => now }, apiUrl: gh.url, token: "ghp_secret" });
  const ls = await notes("https://github.com/linuxserver/docker-sonarr", "4.0.15.2941-ls280");
  assert.deepEqual(ls, {
    url: "https://github.com/linuxserver/docker-sonarr/releases/tag/4.0.15.2941-ls280",
    body: "Breaking: moved",
  });
  assert.equal((await notes("https://github.com/o/app", "1.2.4"))?.body, "- fixes");
  assert.deepEqual(gh.requests.map((r) => r.path), [
    "/repos/linuxserver/docker-sonarr/releases/tags/4.0.15.2941-ls280",
    "/repos/o/app/releases/tags/1.2.4",
    "/repos/o/app/releases/tags/v1.2.4",
  ]);
  assert.ok(gh.requests.every((r) => r.authorized));
  await notes("https://github.com/o/app", "1.2.4");
  assert.equal(gh.requests.length, 3, "cached");
  assert.equal(await notes("https://gitlab.com/o/app", "1.2.4"), null);
  assert.equal(await notes("https://github.com/o/none", "9.9.9"), null);
  now += 7 * 3_600_000;
  await notes("https://github.com/o/app", "1.2.4");
  assert.ok(gh.requests.length > 5, "asked again after the TTL");
});

Deno.test("GitHub notes: after the rate limit it stops asking until the reset", async () => {
  await using gh = startGithubFake();
  gh.releases.set("o/app", [{ tag_name: "1.0.1", body: "x" }]);
  gh.remaining = 0;
  const now = Date.now();
  const notes = createGithubNotes({ fetch, clock: { now: () => now }, apiUrl: gh.url });
  assert.equal(await notes("https://github.com/o/app", "1.0.1"), null);
  const asked = gh.requests.length;
  gh.remaining = 10;
  assert.equal(await notes("https://github.com/o/app", "1.0.1"), null);
  assert.equal(gh.requests.length, asked, "no request while rate limited");
  assert.ok(gh.requests.every((r) => !r.authorized), "anonymous without a token");
});
