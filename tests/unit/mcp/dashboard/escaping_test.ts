import assert from "node:assert/strict";
import fc from "fast-check";
import { escapeHtml } from "../../../../templates/html.ts";
import { highlightYaml } from "../../../../templates/yaml_highlight.ts";
import { portLinks } from "../../../../mcp/dashboard/port_links.ts";
import { overviewPage } from "../../../../templates/overview_page.ts";
import { withProblems } from "../../../../mcp/dashboard/problems.ts";
import { stackPage } from "../../../../templates/stack_page.ts";
import { dashboardApp, dashboardDeps, fakeContainer, HOST, sampleStatus, signIn } from "./fixtures.ts";

const HOSTILE = [
  `<script>alert(1)</script>`,
  `"><img src=x onerror=alert(1)>`,
  `'><svg onload=alert(1)>`,
  `javascript:alert(1)`,
  `</code></pre><script>x()</script>`,
  `&lt;script&gt;`,
];

const TEMPLATE_TAGS = new Set(
  ("html head meta title link script body header nav main section div h1 h2 p a span ul li time meter table thead " +
    "tbody tr th td dl dt dd pre code form label input button wbr select option").split(" "),
);

/** Every tag in `html` is one the templates write themselves; none came from data. */
function assertNoInjectedMarkup(html: string) {
  for (const [tag] of html.matchAll(/<\/?[^>]*>/g)) {
    if (tag.startsWith("<!doctype")) continue;
    const name = /^<\/?([a-z0-9]+)/i.exec(tag)?.[1]?.toLowerCase() ?? "";
    assert.ok(TEMPLATE_TAGS.has(name), `unexpected tag ${tag}`);
    // Attribute values are quoted and their quotes escaped, so `="[^"]*"` spans exactly one value.
    const bare = tag.replace(/="[^"]*"/g, '=""');
    assert.equal(/\son\w+\s*=/i.test(bare), false, `event handler in ${tag}`);
    assert.equal(/(href|src|action)="javascript:/i.test(tag), false, `javascript: in ${tag}`);
    if (name === "script") {
      assert.match(
        tag,
        /^<script src="\/assets\/(dashboard|local_time|table_tools|log_view)\.js" defer>$|^<\/script>$/,
      );
    }
  }
}

Deno.test("overviewPage() escapes hostile container, image, stack and error text", () => {
  for (const evil of HOSTILE) {
    const status = sampleStatus(3, 1);
    status.containers[0]!.name = evil;
    status.containers[0]!.image = evil;
    status.containers[1]!.compose_project = evil;
    status.containers[2]!.problem = evil;
    status.stacks[0]!.name = evil;
    status.runtime = { ...status.runtime, available: false, error: evil };
    status.disks[0]!.path = evil;
    status.containers[1]!.ports = [`${evil}:80->80/tcp`, "0.0.0.0:8989->8989/tcp"];
    const html = overviewPage(withProblems({
      ...status,
      containers: status.containers.map((c) => ({
        ...c,
        error_line: evil,
        port_links: portLinks(c.ports, `${evil}:8790`),
      })),
    }));
    assertNoInjectedMarkup(html);
    assert.ok(
      html.includes(`/containers/${escapeHtml(encodeURIComponent(evil))}`),
      "link path is percent-encoded",
    );
  }
});

Deno.test("stackPage() escapes hostile compose content, names and quadlet entries", () => {
  const compose = HOSTILE.map((e, i) => `# ${e}\nk${i}: ${e}\n"${e}": '${e}'\n- ${e}`).join("\n");
  const html = stackPage({
    name: HOSTILE[0]!,
    state: "partial",
    problem: HOSTILE[1]!,
    services: [{
      name: HOSTILE[2]!,
      containers: [{ name: HOSTILE[3]!, state: "exited", problem: "exited" }],
    }],
    compose: { path: HOSTILE[4]!, content: compose, error: null },
    quadlets: [{ name: "x", type: "container", file: HOSTILE[5]!, size: 1, modified: null }],
    quadletsError: null,
  });
  assertNoInjectedMarkup(html);
});

const stripSpans = (html: string) => html.replace(/<span class="y-[a-z]+">|<\/span>/g, "");
const unescape = (t: string) =>
  t.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(
    /&amp;/g,
    "&",
  );

Deno.test("highlightYaml() loses no character and emits no markup of its own beyond spans", () => {
  const yamlish = fc.array(
    fc.oneof(
      fc.string(),
      fc.constantFrom(...HOSTILE),
      fc.constantFrom(
        "key: value # c",
        '- "q # not comment"',
        "a: 'it''s'",
        "---",
        "x: &a 1",
        "y: *a",
        "n: 0x1F",
      ),
    ),
    { maxLength: 20 },
  ).map((lines) => lines.join("\n"));
  fc.assert(
    fc.property(yamlish, (text) => {
      const out = highlightYaml(text);
      assert.equal(unescape(stripSpans(out)), text);
      const withoutSpans = stripSpans(out);
      assert.equal(/[<>"']/.test(withoutSpans), false);
    }),
    { numRuns: 500 },
  );
});

Deno.test("highlightYaml() marks keys, comments, strings, numbers and booleans", () => {
  const out = highlightYaml('services:\n  web: # main\n    image: "busybox"\n    replicas: 2\n    tty: true');
  assert.match(out, /<span class="y-key">services<\/span>/);
  assert.match(out, /<span class="y-comment"># main<\/span>/);
  assert.match(out, /<span class="y-str">&quot;busybox&quot;<\/span>/);
  assert.match(out, /<span class="y-num">2<\/span>/);
  assert.match(out, /<span class="y-bool">true<\/span>/);
});

Deno.test("dashboard container page escapes a hostile log line and command, and shows env names only", async () => {
  const evil = fakeContainer("evil", "running", {
    command: ["sh", "-c", "</code><script>alert(1)</script>", "--password", "hunter2"],
    envNames: ["DB_PASSWORD", "<b>X</b>"],
    labels: { "traefik.http.middlewares.auth.basicauth.users": "admin:$apr1$xyz", note: "<i>hi</i>" },
  });
  evil.logs = [{ stream: "stderr", text: "<script>alert(2)</script> apikey=abcdef123456" }];
  const deps = await dashboardDeps([evil]);
  const app = dashboardApp(deps);
  const cookie = await signIn(app);
  const res = await app.request("/containers/evil", { headers: { ...HOST, cookie } });
  assert.equal(res.status, 200);
  const html = await res.text();
  assertNoInjectedMarkup(html);
  assert.equal(html.includes("hunter2"), false);
  assert.equal(html.includes("abcdef123456"), false);
  assert.equal(html.includes("$apr1$xyz"), false);
  assert.match(html, /<code>DB_PASSWORD<\/code>/);
  assert.match(html, /&lt;b&gt;X&lt;\/b&gt;/);
  assert.match(html, /class="log-line log-stderr">&lt;script&gt;/);
  await Deno.remove(deps.dataDir, { recursive: true });
});

Deno.test("dashboard stack page shows the compose file redacted and highlighted", async () => {
  const web = fakeContainer("demo-web-1", "running", {
    labels: { "io.podman.compose.project": "demo", "io.podman.compose.service": "web" },
  });
  const deps = await dashboardDeps([web]);
  await Deno.mkdir(`${deps.dataDir}/stacks/demo`, { recursive: true });
  await Deno.writeTextFile(
    `${deps.dataDir}/stacks/demo/compose.yaml`,
    "services:\n  web:\n    image: busybox # <script>x</script>\n    environment:\n      SONARR_API_KEY: s3cr3tvalue\n  db:\n    image: postgres\n",
  );
  const app = dashboardApp(deps);
  const cookie = await signIn(app);
  const res = await app.request("/stacks/demo", { headers: { ...HOST, cookie } });
  assert.equal(res.status, 200);
  const html = await res.text();
  assertNoInjectedMarkup(html);
  assert.equal(html.includes("s3cr3tvalue"), false);
  assert.match(html, /<span class="y-key">SONARR_API_KEY<\/span>/);
  assert.match(html, /&lt;script&gt;x&lt;\/script&gt;/);
  assert.match(html, /<th scope="row" data-label="Service">db<\/th>[\s\S]*?no container/);
  assert.match(html, /href="\/containers\/demo-web-1"/);
  assert.match(html, /arr-helper is not running/);
  await Deno.remove(deps.dataDir, { recursive: true });
});
