import assert from "node:assert/strict";
import { createFileLayer } from "../../../../../mcp/fs/file_layer.ts";
import { convertStack } from "../../../../../mcp/quadlets/convert/stack.ts";

const layer = () => createFileLayer({ uid: Deno.uid() ?? 0, clock: { now: () => Date.now() } });

Deno.test("convertStack() reads the file extends names inside the stacks dir, and never one outside it", async () => {
  const root = await Deno.makeTempDir({ prefix: "arr-convert-stack-" });
  try {
    const stacks = `${root}/stacks`;
    await Deno.mkdir(`${stacks}/media`, { recursive: true });
    await Deno.writeTextFile(
      `${stacks}/media/base.yaml`,
      "services:\n  plex:\n    image: docker.io/plexinc/pms-docker:1\n    devices: [/dev/dri:/dev/dri]\n",
    );
    await Deno.writeTextFile(
      `${stacks}/media/compose.yaml`,
      "services:\n  plex:\n    extends: { file: base.yaml, service: plex }\n    environment: [TZ=UTC]\n",
    );
    const ok = await convertStack(layer(), stacks, "media", { podmanVersion: "5.4", prefix: false });
    assert.ok(ok.ok, JSON.stringify(ok));
    const plex = ok.value.units.find((u) => u.fileName === "plex.container");
    assert.match(
      plex?.text ?? "",
      /^AddDevice=\/dev\/dri:\/dev\/dri$/m,
      "the extended service keeps its device",
    );

    await Deno.writeTextFile(`${root}/outside.yaml`, "services:\n  plex:\n    image: x\n");
    await Deno.writeTextFile(
      `${stacks}/media/compose.yaml`,
      "services:\n  plex:\n    extends: { file: ../../outside.yaml, service: plex }\n",
    );
    const refused = await convertStack(layer(), stacks, "media", { podmanVersion: "5.4", prefix: false });
    assert.equal(refused.ok, false);
    assert.match(refused.ok ? "" : refused.error.message, /outside\.yaml/);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
