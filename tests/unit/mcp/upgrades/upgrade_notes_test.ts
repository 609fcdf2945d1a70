import assert from "node:assert/strict";
import { upgradeNotes } from "../../../../mcp/upgrades/upgrade_notes.ts";
import type { ArrNotes } from "../../../../mcp/upgrades/arr_notes.ts";

const SOURCE = "https://github.com/linuxserver/docker-sonarr";
const release = {
  url: `${SOURCE}/releases/tag/4.0.15.2941-ls280`,
  body: "- Rebased on Alpine 3.22\n- Fixes",
};
const arr: ArrNotes = {
  installed: "4.0.14.2939",
  headline: "Sonarr 4.0.14.2939 → 4.0.15.2941: 1 new, 1 fixed",
  body: "Sonarr 4.0.15.2941\nNew: Database migration for the new history table\nFixed: Calendar",
};

Deno.test("upgradeNotes() combines GitHub and *arr notes: source, url, summary and risk", async (t) => {
  const cases = [
    {
      name: "neither: the label's source, the kind's risk",
      github: { source: SOURCE, release: null },
      arr: null,
      expect: { risk: "low", notes: { source: SOURCE, url: "", summary: "" } },
    },
    {
      name: "GitHub only: its url; nothing flagged",
      github: { source: SOURCE, release },
      arr: null,
      expect: { risk: "low", notes: { source: SOURCE, url: release.url, summary: "" } },
    },
    {
      name: "the app only: source arr, its headline and flagged migration line raise the risk",
      github: { source: "", release: null },
      arr,
      expect: {
        risk: "medium",
        notes: {
          source: "arr",
          url: "",
          summary: `${arr.headline}\nNew: Database migration for the new history table`,
        },
      },
    },
    {
      name: "both: GitHub's source and url, the app's lines still count",
      github: { source: SOURCE, release: { ...release, body: "**Breaking:** new config path" } },
      arr,
      expect: {
        risk: "high",
        notes: {
          source: SOURCE,
          url: release.url,
          summary:
            `${arr.headline}\n**Breaking:** new config path\nNew: Database migration for the new history table`,
        },
      },
    },
  ] as const;
  for (const c of cases) {
    await t.step(c.name, () => {
      assert.deepEqual(upgradeNotes("patch", c.github, c.arr), c.expect);
    });
  }
});
