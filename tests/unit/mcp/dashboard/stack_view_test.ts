import assert from "node:assert/strict";
import { dashboardApp, dashboardDeps, fakeContainer, HOST, signIn } from "./fixtures.ts";

Deno.test("dashboard stack page refuses a compose.yaml symlink leading outside the stacks dir", async () => {
  const web = fakeContainer("demo-web-1", "running", {
    labels: { "io.podman.compose.project": "demo", "io.podman.compose.service": "web" },
  });
  const deps = await dashboardDeps([web]);
  try {
    await Deno.mkdir(`${deps.dataDir}/stacks/demo`, { recursive: true });
    await Deno.writeTextFile(
      `${deps.dataDir}/elsewhere.yaml`,
      "services:\n  leaked:\n    image: OUTSIDE-IMAGE\n",
    );
    await Deno.symlink(`${deps.dataDir}/elsewhere.yaml`, `${deps.dataDir}/stacks/demo/compose.yaml`);
    const app = dashboardApp(deps);
    const cookie = await signIn(app);
    const res = await app.request("/stacks/demo", { headers: { ...HOST, cookie } });
    assert.equal(res.status, 200, "the stack still shows its containers");
    const html = await res.text();
    assert.equal(html.includes("OUTSIDE-IMAGE"), false);
    assert.equal(html.includes("leaked"), false);
    assert.match(html, /a symbolic link leads outside the allowed roots/);
  } finally {
    await Deno.remove(deps.dataDir, { recursive: true });
  }
});
