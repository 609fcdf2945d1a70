import assert from "node:assert/strict";
import { composeVersions, testbed, uniqueName, usePodmanCompose } from "../../../testbed/testbed.ts";
import { helperDirs, startHelper } from "../../helper/helper_process.ts";
import { removeStack, twoServiceCompose } from "../../helper/stack_fixture.ts";
import { errorOf, serveArrMcp } from "../../_support/harness.ts";

for (const version of composeVersions()) {
  const label = `[podman-compose ${version}]`;

  Deno.test(`${label} stack tools write, validate, start, list, restart and take down a real compose stack through the real arr-helper`, async (t) => {
    const tb = testbed();
    await using dirs = await helperDirs();
    await usePodmanCompose(dirs.binDir, version);
    await using _helper = await startHelper(dirs);
    const served = await serveArrMcp({
      env: {
        ARR_RUNTIME_SOCKET: tb.podmanSocket,
        ARR_HELPER_SOCKET: dirs.socket,
        ARR_STACKS_DIR: dirs.stacksDir,
      },
    });
    const stack = uniqueName("mstack");
    const compose = twoServiceCompose(tb.image).replace(
      "services:",
      "services:\n  # DB_PASSWORD=s3cret-value",
    );
    try {
      await t.step("compose_write creates a new stack's compose.yaml once confirmed", async () => {
        const preview = await served.call("compose_write", { stack, content: compose });
        assert.equal(preview.structuredContent.status, "confirmation_required");
        assert.match(
          preview.structuredContent.preview.summary,
          /\(a new stack\)\nThe content policy flagged nothing/,
        );
        await assert.rejects(Deno.stat(`${dirs.stacksDir}/${stack}`), Deno.errors.NotFound);
        const r = await served.call("compose_write", {
          stack,
          content: compose,
          confirm_token: preview.structuredContent.confirm_token,
        });
        assert.equal(r.structuredContent.status, "done");
        assert.equal(r.structuredContent.result.backup, null);
        assert.equal(await Deno.readTextFile(`${dirs.stacksDir}/${stack}/compose.yaml`), compose);
      });

      await t.step("compose_write refuses YAML that does not parse, naming the problem", async () => {
        const r = await served.call("compose_write", { stack, content: "services: [unclosed" });
        assert.equal(r.isError, true);
        assert.match(errorOf(r).message, /^Invalid compose content: /);
        assert.equal(await Deno.readTextFile(`${dirs.stacksDir}/${stack}/compose.yaml`), compose);
      });

      await t.step("compose_read redacts the secret and compose_validate passes", async () => {
        const read = await served.call("compose_read", { stack });
        assert.doesNotMatch(read.structuredContent.content, /s3cret-value/);
        assert.match(read.structuredContent.content, /DB_PASSWORD=\[REDACTED\]/);
        const valid = await served.call("compose_validate", { stack });
        assert.equal(valid.structuredContent.valid, true);
        // 1.0.3 has no `config`: arr-helper's compose reader checks the file and says so.
        const byReader = /^Checked by arr-helper's compose reader/.test(valid.structuredContent.output);
        assert.equal(byReader, version === "1.0.3", valid.structuredContent.output);
      });

      await t.step("stack_list shows the stack stopped, stack_up starts both services", async () => {
        const before = await served.call("stack_list");
        const entry = before.structuredContent.stacks.find((s: { name: string }) => s.name === stack);
        assert.equal(entry.state, "stopped");
        const up = await served.call("stack_up", { stack });
        assert.equal(up.isError, undefined, JSON.stringify(up.content));
        assert.equal(up.structuredContent.status, "done", "clean content starts without a token");
        assert.equal(up.structuredContent.result.state, "running");
        assert.deepEqual(up.structuredContent.result.containers.map((c: { state: string }) => c.state), [
          "running",
          "running",
        ]);
        const after = await served.call("stack_list");
        const running = after.structuredContent.stacks.find((s: { name: string }) => s.name === stack);
        assert.equal(running.running, 2);
      });

      await t.step(
        "compose_write over the existing file needs a token, keeps the secret line and a backup",
        async () => {
          const shown = (await served.call("compose_read", { stack })).structuredContent.content as string;
          const edited = shown.replace("sleep", "sleep 7200 #");
          const preview = await served.call("compose_write", { stack, content: edited });
          assert.equal(preview.structuredContent.status, "confirmation_required");
          assert.doesNotMatch(JSON.stringify(preview), /s3cret-value/);
          assert.equal(await Deno.readTextFile(`${dirs.stacksDir}/${stack}/compose.yaml`), compose);
          const token = preview.structuredContent.confirm_token;
          const other = await served.call("compose_write", {
            stack,
            content: `${edited}\n`,
            confirm_token: token,
          });
          assert.equal(errorOf(other).kind, "confirm_mismatch");
          const done = await served.call("compose_write", { stack, content: edited, confirm_token: token });
          assert.equal(done.structuredContent.status, "done");
          const written = await Deno.readTextFile(`${dirs.stacksDir}/${stack}/compose.yaml`);
          assert.match(written, /DB_PASSWORD=s3cret-value/);
          assert.match(written, /sleep 7200 #/);
          assert.equal(await Deno.readTextFile(done.structuredContent.result.backup), compose);
        },
      );

      await t.step("stack_restart keeps it running", async () => {
        const r = await served.call("stack_restart", { stack });
        assert.equal(r.isError, undefined, JSON.stringify(r.content));
        assert.equal(r.structuredContent.state, "running");
      });

      await t.step("stack_down previews the containers, then removes them with the token", async () => {
        const preview = await served.call("stack_down", { stack });
        assert.equal(preview.structuredContent.status, "confirmation_required");
        assert.equal(preview.structuredContent.preview.details.containers.length, 2);
        const done = await served.call("stack_down", {
          stack,
          confirm_token: preview.structuredContent.confirm_token,
        });
        assert.equal(done.structuredContent.status, "done", JSON.stringify(done.content));
        assert.deepEqual(done.structuredContent.result.containers, []);
        const replay = await served.call("stack_down", {
          stack,
          confirm_token: preview.structuredContent.confirm_token,
        });
        // The token named two running containers; the stack now has none, so it fits no operation any more.
        assert.deepEqual(errorOf(replay), {
          kind: "confirm_mismatch",
          message: 'Cannot use confirm_token: it was not issued for this exact "stack_down" operation. ' +
            "Nothing was changed; call stack_down again without confirm_token for a fresh preview",
        });
      });

      await t.step("stack_pull reports podman-compose's failure when no registry is reachable", async () => {
        const pullStack = `${stack}-pull`;
        const content = "services:\n  app:\n    image: registry.invalid/arr-mcp/none:1\n";
        const preview = await served.call("compose_write", { stack: pullStack, content });
        const w = await served.call("compose_write", {
          stack: pullStack,
          content,
          confirm_token: preview.structuredContent.confirm_token,
        });
        assert.equal(w.structuredContent.status, "done");
        const r = await served.call("stack_pull", { stack: pullStack });
        assert.equal(r.isError, true);
        assert.equal(errorOf(r).kind, "command_failed");
        assert.match(errorOf(r).message, /registry\.invalid/);
      });

      await t.step("a bad stack name is refused before reaching the helper", async () => {
        const r = await served.call("stack_up", { stack: "../etc" });
        assert.equal(errorOf(r).kind, "invalid_argument");
      });
    } finally {
      await removeStack(stack, ["web", "worker"]);
      await served.close();
    }
  });
}

Deno.test("quadlet tools create, list, read, overwrite (confirmed) and delete (confirmed) through the real arr-helper", async () => {
  await using dirs = await helperDirs();
  await using _helper = await startHelper(dirs);
  const served = await serveArrMcp({
    env: { ARR_HELPER_SOCKET: dirs.socket, ARR_STACKS_DIR: dirs.stacksDir },
  });
  const name = uniqueName("q");
  const file = `${name}.container`;
  const unit = `[Container]\nImage=${testbed().image}\nEnvironment=API_KEY=abcdef123456\n`;
  try {
    const created = await served.call("quadlet_write", { file, content: unit });
    assert.equal(created.structuredContent.status, "done", JSON.stringify(created.content));
    const list = await served.call("quadlet_list", { type: "container" });
    assert.ok(list.structuredContent.quadlets.some((q: { file: string }) => q.file === file));
    const read = await served.call("quadlet_read", { file });
    assert.match(read.structuredContent.content, /API_KEY=\[REDACTED\]/);
    assert.doesNotMatch(JSON.stringify(read), /abcdef123456/);

    const preview = await served.call("quadlet_write", {
      file,
      content: `${read.structuredContent.content}Label=x=1\n`,
    });
    assert.equal(preview.structuredContent.status, "confirmation_required");
    const done = await served.call("quadlet_write", {
      file,
      content: `${read.structuredContent.content}Label=x=1\n`,
      confirm_token: preview.structuredContent.confirm_token,
    });
    assert.equal(done.structuredContent.status, "done", JSON.stringify(done.content));
    const onDisk = await Deno.readTextFile(`${dirs.quadletDir}/${file}`);
    assert.match(onDisk, /API_KEY=abcdef123456/);
    assert.match(onDisk, /Label=x=1/);

    const bad = await served.call("quadlet_write", {
      file: `${name}-bad.container`,
      content: "[Container]\nFooBar=1\n",
    });
    assert.equal(errorOf(bad).kind, "helper_rejected");
    assert.match(
      errorOf(bad).message,
      /the quadlet generator rejected it: .*unsupported key 'FooBar' in group 'Container'/,
    );
    await assert.rejects(Deno.stat(`${dirs.quadletDir}/${name}-bad.container`), Deno.errors.NotFound);

    const del = await served.call("quadlet_delete", { file });
    assert.equal(del.structuredContent.status, "confirmation_required");
    assert.match(del.structuredContent.preview.details.content, /\[REDACTED\]/);
    const gone = await served.call("quadlet_delete", {
      file,
      confirm_token: del.structuredContent.confirm_token,
    });
    assert.equal(gone.structuredContent.result.deleted, true);
    await assert.rejects(Deno.stat(`${dirs.quadletDir}/${file}`), Deno.errors.NotFound);
  } finally {
    await served.close();
  }
});

Deno.test("systemd tools report systemctl's own failure when no user systemd runs", async () => {
  await using dirs = await helperDirs();
  await using _helper = await startHelper(dirs);
  const served = await serveArrMcp({ env: { ARR_HELPER_SOCKET: dirs.socket } });
  try {
    const r = await served.call("systemd_daemon_reload");
    assert.equal(r.isError, true);
    assert.equal(errorOf(r).kind, "command_failed");
    const bad = await served.call("systemd_start", { unit: "../../x" });
    assert.equal(errorOf(bad).kind, "invalid_argument");
  } finally {
    await served.close();
  }
});
