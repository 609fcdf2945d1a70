import {
  classifyTorrentState,
  normalizeTorrentState,
} from "../../../../../mcp/clients/media/qbittorrent_state.ts";
import { assertEquals } from "./_result_assert.ts";

Deno.test("normalizeTorrentState() maps 4.x paused names to 5.x stopped names", () => {
  assertEquals(normalizeTorrentState("pausedDL"), "stoppedDL");
  assertEquals(normalizeTorrentState("pausedUP"), "stoppedUP");
  assertEquals(normalizeTorrentState("stoppedDL"), "stoppedDL");
  assertEquals(normalizeTorrentState("somethingNew"), "somethingNew");
});

Deno.test("classifyTorrentState() gives 4.x and 5.x names the same class", () => {
  assertEquals(classifyTorrentState("pausedDL"), classifyTorrentState("stoppedDL"));
  assertEquals(classifyTorrentState("stoppedUP"), "stopped");
  assertEquals(classifyTorrentState("missingFiles"), "error");
  assertEquals(classifyTorrentState("stalledDL"), "stalled");
  assertEquals(classifyTorrentState("forcedMetaDL"), "downloading");
  assertEquals(classifyTorrentState("stalledUP"), "seeding");
  assertEquals(classifyTorrentState("checkingResumeData"), "checking");
  assertEquals(classifyTorrentState("brandNewState"), "other");
});

Deno.test("normalizeTorrentState() and classifyTorrentState() treat Object.prototype names as unknown states", () => {
  for (const state of ["constructor", "valueOf", "toString", "__proto__", "hasOwnProperty"]) {
    assertEquals(normalizeTorrentState(state), state);
    assertEquals(classifyTorrentState(state), "other");
  }
});
