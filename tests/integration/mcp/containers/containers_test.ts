import assert from "node:assert/strict";
import { podman, removeContainers, testbed, uniqueName } from "../../../testbed/testbed.ts";
import { runContainer } from "../../_support/run_container.ts";
import { errorOf, serveArrMcp } from "../../_support/harness.ts";

const LOOP = 'i=0; while true; do echo "out $i"; echo "warn $i" >&2; i=$((i+1)); sleep 0.2; done';

Deno.test("container tools list, inspect, log, stat, stop (confirmed), start and restart a real container", async (t) => {
  const tb = testbed();
  const name = uniqueName("ctools");
  const served = await serveArrMcp({ env: { ARR_RUNTIME_SOCKET: tb.podmanSocket } });
  try {
    await runContainer(name, {
      image: tb.image,
      labels: { "io.podman.compose.project": "arrtest-proj" },
      env: { SECRET_PASSWORD: "hunter2" },
      command: ["sh", "-c", LOOP],
    });

    await t.step("container_list shows it running with its compose project", async () => {
      const r = await served.call("container_list", { stack: "arrtest-proj" });
      assert.equal(r.isError, undefined);
      const c = r.structuredContent.containers.find((x: { name: string }) => x.name === name);
      assert.equal(c.state, "running");
      assert.equal(c.compose_project, "arrtest-proj");
    });

    await t.step("container_inspect gives env names, never values", async () => {
      const r = await served.call("container_inspect", { container: name });
      assert.equal(r.structuredContent.running, true);
      assert.ok(r.structuredContent.env_names.includes("SECRET_PASSWORD"));
      assert.doesNotMatch(JSON.stringify(r), /hunter2/);
    });

    await t.step("container_logs decodes both streams, filters with grep and tails", async () => {
      await new Promise((r) => setTimeout(r, 1200));
      const all = await served.call("container_logs", { container: name, tail: 4 });
      assert.equal(all.structuredContent.count, 4);
      const streams = new Set(all.structuredContent.lines.map((l: { stream: string }) => l.stream));
      assert.deepEqual([...streams].sort(), ["stderr", "stdout"]);
      const warn = await served.call("container_logs", {
        container: name,
        grep: "WARN",
        tail: 3,
        since: "5m",
      });
      assert.equal(warn.structuredContent.count, 3);
      for (const l of warn.structuredContent.lines) {
        assert.equal(l.stream, "stderr");
        assert.match(l.text, /^warn \d+$/);
      }
      const bad = await served.call("container_logs", { container: name, since: "yesterday-ish" });
      assert.equal(bad.isError, true);
      assert.match(
        String((bad.content as Array<{ text: string }>)[0]?.text),
        /Cannot parse since "yesterday-ish"/,
      );
    });

    await t.step("container_stats reports a sample of the running container", async () => {
      const r = await served.call("container_stats", { container: name });
      assert.equal(r.isError, undefined);
      assert.equal(r.structuredContent.name, name);
      assert.ok(r.structuredContent.mem_usage_bytes > 0);
      assert.ok(r.structuredContent.pids >= 1);
    });

    await t.step(
      "container_stop previews, then stops with the token; the token cannot be replayed",
      async () => {
        const preview = await served.call("container_stop", { container: name, timeout_seconds: 1 });
        assert.equal(preview.structuredContent.status, "confirmation_required");
        assert.match(preview.structuredContent.preview.summary, new RegExp(`Stop container "${name}"`));
        assert.equal(JSON.parse(await podman("inspect", name))[0].State.Running, true);
        const confirm_token = preview.structuredContent.confirm_token;
        const done = await served.call("container_stop", {
          container: name,
          timeout_seconds: 1,
          confirm_token,
        });
        assert.equal(done.structuredContent.status, "done");
        assert.equal(done.structuredContent.result.changed, true);
        assert.equal(JSON.parse(await podman("inspect", name))[0].State.Running, false);
        await podman("start", name);
        const replay = await served.call("container_stop", {
          container: name,
          timeout_seconds: 1,
          confirm_token,
        });
        assert.equal(replay.isError, true);
        // Stopping made the container's state differ from the preview, so the operation itself changed.
        assert.match(errorOf(replay).kind, /^confirm_(used|mismatch)$/);
        assert.equal(JSON.parse(await podman("inspect", name))[0].State.Running, true);
      },
    );

    await t.step("container_stop of a container that is already stopped needs no token", async () => {
      await podman("stop", "-t", "0", name);
      const r = await served.call("container_stop", { container: name });
      assert.equal(r.structuredContent.status, "done");
      assert.equal(r.structuredContent.result.changed, false);
    });

    await t.step("container_start starts it; a second start changes nothing", async () => {
      const first = await served.call("container_start", { container: name });
      assert.equal(first.structuredContent.changed, true);
      const second = await served.call("container_start", { container: name });
      assert.equal(second.structuredContent.changed, false);
      assert.equal(JSON.parse(await podman("inspect", name))[0].State.Running, true);
    });

    await t.step("container_restart restarts it (new start time)", async () => {
      const before = JSON.parse(await podman("inspect", name))[0].State.StartedAt;
      const r = await served.call("container_restart", { container: name, timeout_seconds: 0 });
      assert.equal(r.structuredContent.state, "running");
      assert.notEqual(JSON.parse(await podman("inspect", name))[0].State.StartedAt, before);
    });

    await t.step(
      "container_remove refuses a running container without force and a token for another operation, then removes with its own token",
      async () => {
        const refused = await served.call("container_remove", { container: name });
        assert.equal(errorOf(refused).kind, "conflict");
        const preview = await served.call("container_remove", {
          container: name,
          force: true,
          confirm: true,
        });
        assert.equal(preview.structuredContent.status, "confirmation_required");
        assert.equal(await podman("ps", "-a", "--filter", `name=^${name}$`, "--format", "{{.Names}}"), name);
        const token = preview.structuredContent.confirm_token;
        // A token for another operation (stopping this container) on a call the plan accepts: only the token
        // check stands between it and the removal.
        const stopPreview = await served.call("container_stop", { container: name });
        const stopToken = stopPreview.structuredContent.confirm_token;
        const foreign = await served.call("container_remove", {
          container: name,
          force: true,
          confirm_token: stopToken,
        });
        assert.deepEqual(errorOf(foreign), {
          kind: "confirm_mismatch",
          message:
            'Cannot use confirm_token: it was not issued for this exact "container_remove" operation. ' +
            "Nothing was changed; call container_remove again without confirm_token for a fresh preview",
        });
        assert.equal(await podman("ps", "-a", "--filter", `name=^${name}$`, "--format", "{{.Names}}"), name);
        const done = await served.call("container_remove", {
          container: name,
          force: true,
          confirm_token: token,
        });
        assert.equal(done.structuredContent.result.removed, true);
        assert.equal(await podman("ps", "-a", "--filter", `name=^${name}$`, "--format", "{{.Names}}"), "");
      },
    );

    await t.step(
      "an unknown container is a not_found tool error, and the audit log holds every mutation",
      async () => {
        const r = await served.call("container_inspect", { container: uniqueName("missing") });
        assert.equal(r.isError, true);
        assert.equal(errorOf(r).kind, "not_found");
        const phases = served.deps.audit.recent(100).map((e) => `${e.tool}:${e.phase}`);
        assert.ok(phases.includes("container_stop:succeeded"));
        assert.ok(phases.includes("container_stop:failed"));
        assert.ok(phases.includes("container_remove:succeeded"));
        assert.ok(phases.includes("container_restart:attempted"));
        assert.ok(!phases.some((p) => p.startsWith("container_list")));
      },
    );
  } finally {
    await removeContainers(name);
    await served.close();
  }
});

Deno.test("container_remove over HTTP refuses an expired token and leaves the container alone", async () => {
  const tb = testbed();
  const name = uniqueName("expire");
  let now = Date.now();
  const served = await serveArrMcp({
    env: { ARR_RUNTIME_SOCKET: tb.podmanSocket },
    clock: { now: () => now },
  });
  try {
    await podman("create", "--name", name, tb.image, "true");
    const preview = await served.call("container_remove", { container: name });
    assert.equal(preview.structuredContent.status, "confirmation_required");
    now += 5 * 60 * 1000 + 1;
    const late = await served.call("container_remove", {
      container: name,
      confirm_token: preview.structuredContent.confirm_token,
    });
    assert.equal(errorOf(late).kind, "confirm_expired");
    assert.equal(await podman("ps", "-a", "--filter", `name=^${name}$`, "--format", "{{.Names}}"), name);
    const fresh = await served.call("container_remove", { container: name });
    const done = await served.call("container_remove", {
      container: name,
      confirm_token: fresh.structuredContent.confirm_token,
    });
    assert.equal(done.structuredContent.result.removed, true);
  } finally {
    await removeContainers(name);
    await served.close();
  }
});
