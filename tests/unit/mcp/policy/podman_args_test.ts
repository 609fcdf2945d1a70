import assert from "node:assert/strict";
import { parsePodmanArgs } from "../../../../mcp/policy/podman_args.ts";

const pairs = (words: string[]) => parsePodmanArgs(words).map((f) => [f.name, f.value]);

Deno.test("parsePodmanArgs() reads --flag=value, --flag value and boolean flags", () => {
  assert.deepEqual(pairs(["--privileged", "--pid=host", "--cap-add", "SYS_ADMIN", "--net", "host"]), [
    ["--privileged", undefined],
    ["--pid", "host"],
    ["--cap-add", "SYS_ADMIN"],
    ["--network", "host"],
  ]);
});

Deno.test("parsePodmanArgs() never hides a flag inside an unknown flag's value", () => {
  assert.deepEqual(pairs(["--label", "--privileged", "--tz", "-v", "/:/h"]), [
    ["--label", undefined],
    ["--privileged", undefined],
    ["--tz", undefined],
    ["--volume", "/:/h"],
  ]);
});

Deno.test("parsePodmanArgs() gives a checked flag the next word whatever it is, as podman does", () => {
  assert.deepEqual(pairs(["--volume", "--privileged"]), [["--volume", "--privileged"]]);
});

Deno.test("parsePodmanArgs() reads grouped and joined short flags", () => {
  assert.deepEqual(pairs(["-itv", "/etc:/e"]), [["-i", undefined], ["-t", undefined], [
    "--volume",
    "/etc:/e",
  ]]);
  assert.deepEqual(pairs(["-v/etc:/e"]), [["--volume", "/etc:/e"]]);
  assert.deepEqual(pairs(["-v=/etc:/e"]), [["--volume", "/etc:/e"]]);
});

Deno.test("parsePodmanArgs() stops at -- and skips positional words", () => {
  assert.deepEqual(pairs(["image", "--rm", "--", "--privileged"]), [["--rm", undefined]]);
});
