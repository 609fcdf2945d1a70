/**
 * Discovery against the real testbed: a real container (busybox httpd standing in for Sonarr: it serves a static
 * system/status document) whose image is named like a Sonarr image, with its /config bind-mounted from a temp
 * dir holding config.xml, published on a loopback port. createMediaServices() must find the URL through the
 * real Podman API (image → service, mount → config.xml Port, published port → host port) and checkServiceApi()
 * must reach it.
 */
import { checkServiceApi } from "../../../../../mcp/clients/media/check_api.ts";
import { createMediaServices } from "../../../../../mcp/clients/media/media_services.ts";
import { createDetectingRuntime } from "../../../../../mcp/clients/runtime/detecting_runtime.ts";
import { unixSocketFetch } from "../../../../../mcp/clients/unix/unix_fetch.ts";
import { podman, removeContainers, testbed, uniqueName } from "../../../../testbed/testbed.ts";
import { freeLoopbackPort } from "../../../_support/free_port.ts";
import { runContainer } from "../../../_support/run_container.ts";
import { assert, assertEquals } from "../../../../unit/mcp/clients/media/_result_assert.ts";

Deno.test("createMediaServices() discovers a Sonarr container's URL through the real Podman API", async () => {
  const tb = testbed();
  const name = uniqueName("sonarr");
  const image = `localhost/${name}/sonarr:test`;
  const dir = await Deno.makeTempDir({ prefix: "arr-discovery-" });
  const hostPort = freeLoopbackPort();
  try {
    await Deno.writeTextFile(
      `${dir}/config.xml`,
      "<Config>\n  <Port>8989</Port>\n  <UrlBase></UrlBase>\n</Config>\n",
    );
    await Deno.mkdir(`${dir}/www/api/v3/system`, { recursive: true });
    await Deno.writeTextFile(
      `${dir}/www/api/v3/system/status`,
      JSON.stringify({ appName: "Sonarr", version: "4.0.19.2979", branch: "main" }),
    );
    // Other test files tag and untag names on the same busybox image at the same time; Podman 4.3 can lose a
    // name in that race, so the tag is set again if the run does not find it.
    for (let attempt = 1;; attempt++) {
      await podman("tag", tb.image, image);
      try {
        await runContainer(name, {
          image,
          publish: [`127.0.0.1:${hostPort}:8989`],
          volumes: [`${dir}:/config`],
          command: ["httpd", "-f", "-p", "8989", "-h", "/config/www"],
        });
        break;
      } catch (e) {
        if (attempt >= 3 || !String(e).includes("Trying to pull")) throw e;
        await removeContainers(name);
      }
    }
    const runtime = createDetectingRuntime({
      socket: tb.podmanSocket,
      fetch: unixSocketFetch(tb.podmanSocket).fetch,
    });
    const media = await createMediaServices({
      env: { SONARR_API_KEY: "sonarr-key-0123456789", ARR_MCP_SECRET: "discovery test secret" },
      dataDir: dir,
      stacksDir: `${dir}/no-stacks`,
      runtime,
      fetch,
    });
    const setup = await media.registry.describe("sonarr");
    assertEquals(setup.url, `http://127.0.0.1:${hostPort}`);
    assertEquals(setup.urlSource, "discovered");
    assert(setup.urlVia?.includes(`${dir}/config.xml`), setup.urlVia ?? "");
    assert(setup.urlVia?.includes(name), setup.urlVia ?? "");
    let check = await checkServiceApi(media.registry, "sonarr");
    for (let i = 0; i < 20 && check.reachable !== true; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      check = await checkServiceApi(media.registry, "sonarr");
    }
    assertEquals([check.reachable, check.authenticated, check.version], [true, true, "4.0.19.2979"]);
  } finally {
    await removeContainers(name);
    // `podman untag IMAGE` alone would strip every name of the shared busybox image: name the one to remove.
    await new Deno.Command("podman", { args: ["untag", image, image], stdout: "null", stderr: "null" })
      .output();
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
});
