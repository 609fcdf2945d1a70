import assert from "node:assert/strict";
import { type ArrUpdateEntry, arrUpdateNotes } from "../../../../mcp/upgrades/arr_notes.ts";

// Newest first, as the apps list them; 4.0.14.2939 is installed.
const UPDATES: ArrUpdateEntry[] = [
  {
    version: "4.0.16.2944",
    releaseDate: "2026-11-20T10:00:00Z",
    changes: { new: ["Breaking: the v2 API is removed"], fixed: null },
  },
  {
    version: "4.0.15.2941",
    releaseDate: "2026-11-10T10:00:00Z",
    changes: { new: ["Faster RSS sync"], fixed: ["Database migration 215 on\nPostgres", "  "] },
  },
  { version: "4.0.14.2939", releaseDate: "2026-10-01T10:00:00Z", changes: { new: ["Old news"] } },
  { version: "4.0.13.2932", releaseDate: "2026-09-01T10:00:00Z", changes: null },
];

Deno.test("arrUpdateNotes() keeps the versions after the installed one, up to the candidate's", async (t) => {
  const cases: Array<
    { name: string; installed: string; upTo?: string; expect: ReturnType<typeof arrUpdateNotes> }
  > = [
    {
      name: "up to the candidate: only 4.0.15",
      installed: "4.0.14.2939",
      upTo: "4.0.15.2941",
      expect: {
        installed: "4.0.14.2939",
        headline: "Sonarr 4.0.14.2939 → 4.0.15.2941: 1 new, 1 fixed",
        body:
          "Sonarr 4.0.15.2941 (2026-11-10)\nNew: Faster RSS sync\nFixed: Database migration 215 on Postgres",
      },
    },
    {
      name: "no candidate version (a moved `latest`): every newer one, newest first",
      installed: "4.0.14.2939",
      expect: {
        installed: "4.0.14.2939",
        headline: "Sonarr 4.0.14.2939 → 4.0.16.2944 (2 versions): 2 new, 1 fixed",
        body: [
          "Sonarr 4.0.16.2944 (2026-11-20)",
          "New: Breaking: the v2 API is removed",
          "Sonarr 4.0.15.2941 (2026-11-10)",
          "New: Faster RSS sync",
          "Fixed: Database migration 215 on Postgres",
        ].join("\n"),
      },
    },
    {
      name: "a new build of the installed version: nothing",
      installed: "4.0.14.2939",
      upTo: "4.0.14.2939",
      expect: null,
    },
    { name: "already on the newest", installed: "4.0.16.2944", expect: null },
    { name: "an app version that is not dotted numbers", installed: "develop", expect: null },
    { name: "a candidate that is not a version", installed: "4.0.13.2932", upTo: "nightly", expect: null },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      assert.deepEqual(arrUpdateNotes("Sonarr", c.installed, UPDATES, c.upTo), c.expect);
    });
  }
});

Deno.test("arrUpdateNotes() sorts by version, not by list order, and skips versions it cannot read", () => {
  const shuffled = [UPDATES[1]!, { version: "garbage" }, UPDATES[0]!];
  const notes = arrUpdateNotes("Radarr", "4.0.14.2939", shuffled);
  assert.equal(notes?.headline, "Radarr 4.0.14.2939 → 4.0.16.2944 (2 versions): 2 new, 1 fixed");
  assert.match(notes?.body ?? "", /^Radarr 4\.0\.16\.2944/);
});
