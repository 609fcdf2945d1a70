import assert from "node:assert/strict";
import { stuckDownload } from "../../../../mcp/alerts/rules/stuck_download.ts";
import { download, facts, runChecks, T0 } from "./_facts.ts";

const MIN = 60_000;
/** One check per entry: the bytes done of download "h1" at that check (null: not present). */
function checks(bytes: ReadonlyArray<number | null>, more: Parameters<typeof download>[2] = {}) {
  return bytes.map((b, i) =>
    facts({ downloads: b === null ? [] : [download("h1", b, more)], downloadClients: [] }, T0 + i * 5 * MIN)
  );
}

Deno.test("stuck_download: strikes count checks without progress; progress resets them", async (t) => {
  const table: Array<{ name: string; bytes: Array<number | null>; threshold?: number; findings: number[] }> =
    [
      {
        name: "never moves: found from the 4th check (3 strikes)",
        bytes: [10, 10, 10, 10, 10],
        findings: [0, 0, 0, 1, 1],
      },
      {
        name: "moves before the third strike: never found",
        bytes: [10, 10, 10, 20, 20, 20],
        findings: [0, 0, 0, 0, 0, 0],
      },
      {
        name: "progress resolves it, stalling again re-counts",
        bytes: [10, 10, 10, 10, 20, 20, 20, 20],
        findings: [0, 0, 0, 1, 0, 0, 0, 1],
      },
      { name: "threshold 1", bytes: [10, 10], threshold: 1, findings: [0, 1] },
      {
        name: "a download that disappears is forgotten",
        bytes: [10, 10, null, 10, 10, 10],
        findings: [0, 0, 0, 0, 0, 0],
      },
      { name: "bytes going down is no progress", bytes: [10, 5, 5, 5], findings: [0, 0, 0, 1] },
    ];
  for (const row of table) {
    await t.step(row.name, () => {
      const out = runChecks(stuckDownload, checks(row.bytes), row.threshold ?? 3);
      assert.deepEqual(out.map((o) => o.findings.length), row.findings);
    });
  }
});

Deno.test("stuck_download: a download waiting on purpose collects no strikes", () => {
  const out = runChecks(stuckDownload, checks([10, 10, 10, 10, 10], { waiting: true, state: "queuedDL" }));
  assert.deepEqual(out.map((o) => o.findings.length), [0, 0, 0, 0, 0]);
});

Deno.test("stuck_download: the message names the download, client state, time of last progress and the cause", () => {
  const base = (i: number, bytes: number) =>
    facts({
      downloads: [download("h1", bytes, { name: "Show.S01E01.1080p" })],
      containers: [{
        name: "qbittorrent",
        image: "lscr.io/linuxserver/qbittorrent",
        state: "running",
        healthStatus: null,
        restartCount: 0,
        restartPolicy: null,
        exitCode: null,
        finishedAt: null,
        systemdUnit: null,
        createdAt: null,
      }],
      downloadClients: [{ client: "qbittorrent", connection: "connected", freeBytes: 1024, paused: false }],
    }, T0 + i * 5 * MIN);
  const out = runChecks(stuckDownload, [base(0, 5), base(1, 10), base(2, 10), base(3, 10), base(4, 10)]);
  const finding = out[4]!.findings[0]!;
  assert.equal(finding.subject, "h1");
  assert.match(finding.message, /"Show\.S01E01\.1080p" in qBittorrent \(state stalledDL\)/);
  assert.match(finding.message, /since 2026-11-22 12:05 UTC/);
  assert.match(finding.message, /container "qbittorrent" is running/);
  assert.match(finding.message, /download disk is full/);
});

Deno.test("stuck_download: without download facts the rule keeps its memory (returns null)", () => {
  const out = stuckDownload.evaluate({
    facts: facts({ downloads: null }),
    threshold: 3,
    previous: new Map(),
  });
  assert.equal(out.memory, null);
});
