import assert from "node:assert/strict";
import { err, ok } from "../../../../shared/result.ts";
import type { HelperInfo } from "../../../../shared/helper_protocol.ts";
import { parseCgroupFs, parseLinger, userName } from "../../../../mcp/doctor/collect.ts";
import {
  type DoctorCheck,
  doctorReport,
  exitCodeOf,
  type HostFacts,
  renderReport,
} from "../../../../mcp/doctor/report.ts";

const TRIXIE_HELPER: HelperInfo = {
  helper_version: "0.1.0",
  podman: "5.4.2",
  podman_compose: "1.3.0",
  quadlet: "5.4.2",
  stacks_dir: "/opt/stacks",
  quadlet_dir: "/home/media/.config/containers/systemd",
};

/** A healthy Debian 13 host. */
const HEALTHY: HostFacts = {
  user: "media",
  runtimeSocket: "/run/user/1000/podman/podman.sock",
  runtime: ok({ kind: "podman", version: "5.4.2", apiVersion: "1.41", rootless: true }),
  cgroup: "v2",
  linger: ok(true),
  helperSocket: "/run/user/1000/arr-helper/arr-helper.sock",
  helper: ok(TRIXIE_HELPER),
  dataDir: { path: "/home/media/.local/share/arr-mcp", mode: ok(0o40700) },
};

const statusOf = (checks: DoctorCheck[], name: string) => checks.find((c) => c.name === name)?.status;

Deno.test("doctorReport() on a healthy host: every check ok, exit 0", () => {
  const checks = doctorReport(HEALTHY);
  assert.deepEqual(checks.filter((c) => c.status !== "ok"), []);
  assert.deepEqual(checks.map((c) => c.name), [
    "runtime socket",
    "podman",
    "rootless",
    "cgroup",
    "lingering",
    "arr-helper",
    "podman-compose",
    "stack tools",
    "quadlet tools",
    "data dir",
  ]);
  assert.equal(exitCodeOf(checks), 0);
});

Deno.test("doctorReport() names the failing part and what to do, one table row per host problem", () => {
  const table: Array<[string, Partial<HostFacts>, string, DoctorCheck["status"], RegExp]> = [
    [
      "no socket",
      { runtime: null, runtimeSocket: null },
      "runtime socket",
      "fail",
      /enable --now podman\.socket/,
    ],
    [
      "socket dead",
      { runtime: err("connection refused") },
      "runtime socket",
      "fail",
      /restart podman\.socket/,
    ],
    [
      "too old",
      { runtime: ok({ kind: "podman", version: "4.2.0", apiVersion: "1.41", rootless: true }) },
      "podman",
      "fail",
      /install Podman 4\.3/,
    ],
    [
      "rootful",
      { runtime: ok({ kind: "podman", version: "4.3.1", apiVersion: "1.41", rootless: false }) },
      "rootless",
      "warn",
      /rootless socket/,
    ],
    ["cgroup v1", { cgroup: "v1" }, "cgroup", "warn", /unified_cgroup_hierarchy/],
    ["no linger", { linger: ok(false) }, "lingering", "fail", /^loginctl enable-linger media$/],
    [
      "no logind",
      { linger: err("System has not been booted with systemd") },
      "lingering",
      "warn",
      /enable-linger/,
    ],
    [
      "no helper",
      { helper: err("arr-helper is not running") },
      "arr-helper",
      "fail",
      /enable --now arr-helper/,
    ],
    [
      "no compose",
      { helper: ok({ ...TRIXIE_HELPER, podman_compose: null }) },
      "podman-compose",
      "fail",
      /apt-get install podman-compose/,
    ],
    [
      "bookworm",
      { helper: ok({ ...TRIXIE_HELPER, podman: "4.3.1", podman_compose: "1.0.3", quadlet: null }) },
      "quadlet tools",
      "warn",
      /^Quadlets need Podman 4\.4 or later; this host has Podman 4\.3\.1/,
    ],
    ["open data dir", { dataDir: { path: "/d", mode: ok(0o40755) } }, "data dir", "fail", /^chmod 700 \/d$/],
    ["no data dir", { dataDir: { path: "/d", mode: err("not found") } }, "data dir", "warn", /first start/],
  ];
  for (const [label, change, name, status, fix] of table) {
    const checks = doctorReport({ ...HEALTHY, ...change });
    const found = checks.find((c) => c.name === name);
    assert.equal(found?.status, status, label);
    assert.match(found?.fix ?? "", fix, label);
    assert.equal(exitCodeOf(checks), status === "fail" ? 1 : 0, label);
  }
});

Deno.test("doctorReport() says which validator compose_validate uses and switches the features off", () => {
  const old = doctorReport({ ...HEALTHY, helper: ok({ ...TRIXIE_HELPER, podman_compose: "1.0.3" }) });
  assert.match(old.find((c) => c.name === "stack tools")?.detail ?? "", /compose reader/);
  assert.match(
    doctorReport(HEALTHY).find((c) => c.name === "stack tools")?.detail ?? "",
    /podman-compose config/,
  );
  const down = doctorReport({ ...HEALTHY, helper: err("gone") });
  assert.deepEqual([statusOf(down, "stack tools"), statusOf(down, "quadlet tools")], ["fail", "fail"]);
});

Deno.test("renderReport() prints one line per check, fixes indented, and a closing count", () => {
  const text = renderReport([
    { name: "a", status: "ok", detail: "fine" },
    { name: "b", status: "fail", detail: "broken", fix: "do x" },
    { name: "c", status: "warn", detail: "meh" },
  ]);
  assert.equal(
    text,
    "[ok] a: fine\n[fail] b: broken\n       fix: do x\n[warn] c: meh\n1 ok, 1 warnings, 1 failures\n",
  );
});

Deno.test("parseLinger(), parseCgroupFs() and userName() read the probes' output", () => {
  assert.equal(parseLinger("Linger=yes\n"), true);
  assert.equal(parseLinger("Linger=no\n"), false);
  assert.equal(parseLinger("Failed to get user: No such user\n"), null);
  assert.equal(parseCgroupFs("cgroup2fs\n"), "v2");
  assert.equal(parseCgroupFs("tmpfs\n"), "v1");
  assert.equal(parseCgroupFs("ext4\n"), null);
  const passwd = "root:x:0:0:root:/root:/bin/bash\nmedia:x:1000:1000::/home/media:/bin/sh\n";
  assert.equal(userName(passwd, 1000), "media");
  assert.equal(userName(passwd, 4242), "4242");
});
