/**
 * Property test against the real generator: plausible random services (arbitrary strings in environment,
 * labels, command, entrypoint, healthcheck) convert to units quadlet 5.4.2 accepts, and the podman command
 * line it generates carries every value exactly.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { stringify } from "yaml";
import { convertCompose } from "../../../../shared/quadlet/convert.ts";
import { qualifyImage } from "../../../../shared/quadlet/image_name.ts";
import { assertGeneratorAccepts, execStart, serviceEnvironment, systemdWords } from "./quadlet_generator.ts";

const text = fc.string({ unit: "grapheme", minLength: 1, maxLength: 16 }).filter((s) =>
  !s.includes("\u0000")
); // argv cannot hold NUL
const envName = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,6}$/);
const pathPart = fc.stringMatching(/^[a-z0-9_][a-z0-9 _.-]{0,8}$/);

const serviceArb = fc.record({
  image: fc.constantFrom("busybox", "docker.io/library/nginx:1.27", "lscr.io/linuxserver/sonarr:4.0.14"),
  environment: fc.dictionary(envName, text, { maxKeys: 4 }),
  labels: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9.]{0,8}$/), text, { maxKeys: 3 }),
  command: fc.array(fc.oneof(text, fc.constant("")), { minLength: 1, maxLength: 4 }),
  entrypoint: fc.array(text, { minLength: 1, maxLength: 2 }),
  healthcheck: fc.record({ test: fc.tuple(fc.constant("CMD"), text, text) }),
  volumes: fc.array(
    fc.tuple(pathPart, pathPart, fc.boolean()).map(([a, b, ro]) => `/${a}:/${b}${ro ? ":ro" : ""}`),
    {
      maxLength: 2,
    },
  ),
  ports: fc.array(fc.tuple(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 1, max: 65535 })), {
    maxLength: 2,
  })
    .map((ps) => ps.map(([h, c]) => `${h}:${c}`)),
});

Deno.test("random plausible services give units the real generator accepts, values intact", async () => {
  await fc.assert(
    fc.asyncProperty(serviceArb, fc.constantFrom("4.4", "4.9", "5.0", "5.4"), async (svc, podmanVersion) => {
      const compose = stringify({ services: { app: svc } }).replaceAll("$", "$$$$");
      const r = convertCompose({ compose, projectDir: "/srv/app" }, { podmanVersion });
      assert.ok(r.ok, JSON.stringify(!r.ok && r.error));
      const run = await assertGeneratorAccepts(
        Object.fromEntries(r.value.units.map((u) => [u.fileName, u.text])),
      );
      const line = execStart(run, "app.service");
      const unit = r.value.units[0]?.text ?? "";
      const words = systemdWords(line, {
        t: "/run/user/1000",
        N: "app",
        n: "app.service",
      }, serviceEnvironment(run, "app.service"));
      for (const [k, v] of Object.entries(svc.environment)) {
        const at = words.indexOf(`${k}=${v}`);
        assert.ok(
          at > 0 && words[at - 1] === "--env",
          `--env ${k}=${JSON.stringify(v)} missing in ${line}\n${unit}`,
        );
      }
      for (const [k, v] of Object.entries(svc.labels)) assert.ok(words.includes(`${k}=${v}`), `label ${k}`);
      assert.deepEqual(words.slice(-svc.command.length), svc.command, `${line}\n${unit}`);
      assert.equal(words[words.length - svc.command.length - 1], qualifyImage(svc.image));
      const ep = words[words.indexOf("--entrypoint") + 1] ?? "";
      assert.deepEqual(
        svc.entrypoint.length === 1 && !ep.startsWith("[") ? [ep] : JSON.parse(ep),
        svc.entrypoint,
      );
    }),
    { numRuns: 100 },
  );
});
