import assert from "node:assert/strict";
import { splitWords } from "../../../shared/quadlet/systemd_quote.ts";
import { runGenerator } from "../shared/quadlet/quadlet_generator.ts";

const UNIT = new URL("../../../systemd/arr-mcp.container", import.meta.url).pathname;

Deno.test("systemd/arr-mcp.container passes the real quadlet generator and mounts both sockets and the data volume", async () => {
  const run = await runGenerator({ "arr-mcp.container": await Deno.readTextFile(UNIT) });
  assert.equal(run.code, 0, run.stderr);
  const exec = run.stdout.split("\n").find((l) => l.startsWith("ExecStart=")) ?? "";
  assert.match(exec, /--name arr-mcp/);
  assert.match(exec, /--network host/);
  // The socket FOLDER, not the file: a recreated socket stays reachable.
  assert.match(exec, /-v %t\/podman:\/run\/podman /);
  assert.doesNotMatch(exec, /podman\.sock:/);
  assert.match(exec, /-v %t\/arr-helper:\/run\/arr-helper/);
  assert.match(exec, /-v arr-mcp-data:\/data/);
  assert.match(exec, /--env ARR_RUNTIME_SOCKET=\/run\/podman\/podman\.sock/);
  assert.match(exec, /localhost\/arr-mcp:latest/);
});

Deno.test("systemd/arr-mcp.container's HealthCmd reaches podman whole and is a command /bin/sh can parse", async () => {
  const text = await Deno.readTextFile(UNIT);
  const run = await runGenerator({ "arr-mcp.container": text });
  assert.equal(run.code, 0, run.stderr);
  const exec = run.stdout.split("\n").find((l) => l.startsWith("ExecStart=")) ?? "";
  const words = splitWords(exec.slice("ExecStart=".length)) ?? [];
  const healthCmd = words[words.indexOf("--health-cmd") + 1];
  // quadlet drops a value's closing double quote; a command ending in one never passes.
  assert.equal(healthCmd, /^HealthCmd=(.*)$/m.exec(text)?.[1]);
  // Podman runs a string health command with `/bin/sh -c`; `-n` parses without running it.
  const sh = await new Deno.Command("sh", { args: ["-n", "-c", healthCmd ?? ""], stderr: "piped" }).output();
  assert.equal(sh.code, 0, new TextDecoder().decode(sh.stderr));
  assert.doesNotMatch(healthCmd ?? "", /\$\{/, "systemd would expand ${...} in ExecStart");
});
