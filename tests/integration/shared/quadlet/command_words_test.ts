/**
 * Command words reach the process exactly: compose → converter → quadlet 5.4.2 → the generated ExecStart= read
 * as systemd reads it → real Podman creates and starts the container, whose entrypoint prints each argument in
 * brackets (`printf '[%s]' "$@"`).
 */
import assert from "node:assert/strict";
import { stringify } from "yaml";
import { convertCompose } from "../../../../shared/quadlet/convert.ts";
import { createStack, podmanResult } from "./_podman_stack.ts";

const PRINT_ARGS = ["/bin/sh", "-c", `printf '[%s]' "$@"`, "sh"];

async function printedArgs(command: unknown, podmanVersion: string): Promise<string> {
  const id = crypto.randomUUID().slice(0, 8);
  const compose = stringify({
    services: {
      args: { image: `conv-test/args-${id}`, network_mode: "none", entrypoint: PRINT_ARGS, command },
    },
  }).replaceAll("$", "$$$$");
  const r = convertCompose({ compose, projectDir: `/srv/conv-test-${id}` }, { podmanVersion });
  assert.ok(r.ok, JSON.stringify(!r.ok && r.error));
  const stack = await createStack(r.value.units);
  try {
    assert.deepEqual([...stack.refused], []);
    const started = await podmanResult("start", "--attach", stack.containers.get("args.container") ?? "");
    assert.ok(started.ok, started.stderr);
    return started.stdout;
  } finally {
    await stack.remove();
  }
}

const WORDS = [
  "",
  "a b",
  'say "hi"',
  "it's",
  "50%",
  "%n %h",
  "$HOME",
  "${HOME}",
  "$$",
  "C:\\temp\\new",
  "back\\",
  "two\nlines",
  "tab\there",
  "héllo ☃",
  "",
];

for (const podmanVersion of ["4.4", "5.4"]) {
  Deno.test(`command words reach the process exactly, empty ones too (Podman ${podmanVersion} units)`, async () => {
    const printed = await printedArgs(WORDS, podmanVersion);
    assert.equal(printed, WORDS.map((w) => `[${w}]`).join(""));
  });
}

Deno.test("a string command with an empty quoted word keeps every word (dhcp-relay pattern)", async () => {
  const printed = await printedArgs('-id eth0 -iu eth1 -f "" -r 192.168.1.0/24', "5.4");
  assert.equal(printed, "[-id][eth0][-iu][eth1][-f][][-r][192.168.1.0/24]");
});
