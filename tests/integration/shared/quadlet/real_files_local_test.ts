/**
 * Local only: every real compose file in /work/shared/compose-real/ (43 public stacks, not in the repository)
 * converts, passes the real quadlet 5.4.2 generator, and each unit is accepted by real Podman (`podman create`
 * from the generated command line, see _podman_stack.ts). Skipped, saying so, where that folder does not exist.
 */
import assert from "node:assert/strict";
import { convertCompose } from "../../../../shared/quadlet/convert.ts";
import { formatConvertError } from "../../../../shared/quadlet/types.ts";
import { readComposeFolder } from "./_compose_folder.ts";
import { createStack } from "./_podman_stack.ts";
import { runGenerator } from "./quadlet_generator.ts";

const REAL = Deno.env.get("ARR_COMPOSE_REAL_DIR") ?? "/work/shared/compose-real";
const present = await Deno.stat(REAL).then((s) => s.isDirectory).catch(() => false);
if (!present) {
  console.log(`real_files_local_test: ${REAL} does not exist here; the 43 real compose files are skipped`);
}

Deno.test({
  name: `all real compose files in ${REAL} convert, pass quadlet 5.4.2 and are accepted by podman create`,
  ignore: !present,
  async fn(t) {
    const folders = [...Deno.readDirSync(REAL)].filter((e) => e.isDirectory).map((e) => e.name).sort();
    const failures: string[] = [];
    let converted = 0, generated = 0, created = 0, containers = 0;
    for (const folder of folders) {
      await t.step(folder, async () => {
        const input = await readComposeFolder(`${REAL}/${folder}`);
        // Every profile active, so that services behind profiles are checked too.
        const r = convertCompose(input, { podmanVersion: "5.4", profiles: ["*"] });
        if (!r.ok) {
          failures.push(`${folder}: convert: ${formatConvertError(r.error)}`);
          return;
        }
        converted++;
        const gen = await runGenerator(Object.fromEntries(r.value.units.map((u) => [u.fileName, u.text])));
        const genErrors = gen.stderr.split("\n").filter((l) => /rror|unsupported|not found/.test(l));
        if (gen.code !== 0 || genErrors.length > 0) {
          failures.push(`${folder}: generator: ${genErrors.join("; ")}`);
          return;
        }
        generated++;
        const stack = await createStack(r.value.units);
        containers += r.value.units.filter((u) => u.kind === "container").length;
        try {
          if (stack.refused.size === 0) created++;
          for (const [unit, why] of stack.refused) failures.push(`${folder}: podman: ${unit}: ${why}`);
        } finally {
          await stack.remove();
        }
      });
    }
    console.log(
      `real compose files: ${folders.length}, converted ${converted}, generator ok ${generated}, ` +
        `podman ok ${created} (${containers} containers)`,
    );
    assert.deepEqual(failures, []);
  },
});
