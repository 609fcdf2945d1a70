import assert from "node:assert/strict";
import fc from "fast-check";
import { stringify } from "yaml";
import { checkCompose } from "../../../../mcp/policy/check_compose.ts";
import { checkQuadlet } from "../../../../mcp/policy/check_quadlet.ts";
import { CTX } from "./_support.ts";

/** Paths a container must never get silently (CTX: stack /opt/stacks/media, home /home/media). */
const DANGEROUS = [
  "/",
  "/etc",
  "/etc/ssh",
  "/root",
  "/boot",
  "/proc/self",
  "/sys/kernel",
  "/dev/sda",
  "/run/dbus",
  "/var/run/docker.sock",
  "/home",
  "/home/ubuntu",
  "/home/media",
  "/home/media/.local",
  "/home/media/.local/share",
  "/home/media/.local/share/arr-mcp",
  "/home/media/.local/share/arr-mcp/credentials.secret",
  "/run/user/1000",
  "/run/user/1000/podman",
  "/run/user/1000/podman/podman.sock",
  "/run/user/1000/arr-helper",
];

/** Safe folders: media, /srv, the stack folder and things inside the home folder but away from the data dir. */
const SAFE_ROOTS = ["/srv", "/media-server", "/opt/stacks/media", "/home/media/media", "/mnt/disk1"];

const segment = fc.stringMatching(/^[a-z0-9_-]{1,8}$/);

/** Rewrites an absolute path in another spelling that names the same path. */
const spelling = (path: string) =>
  fc.record({
    dots: fc.array(fc.constantFrom("", "./", "x/../", "a/b/../../"), { minLength: 1, maxLength: 4 }),
    slashes: fc.array(fc.constantFrom("/", "//"), { minLength: 1, maxLength: 4 }),
    trailing: fc.constantFrom("", "/", "/.", "//"),
    form: fc.constantFrom("absolute", "relative", "home"),
  }).map(({ dots, slashes, trailing, form }) => {
    const parts = path.split("/").filter((p) => p !== "");
    let out = "";
    parts.forEach((p, i) => {
      out += `${slashes[i % slashes.length]}${dots[i % dots.length]}${p}`;
    });
    if (out === "") out = slashes[0] ?? "/";
    out += path === "/" ? "" : trailing;
    if (form === "relative") return `../../..${out.startsWith("/") ? out : `/${out}`}`;
    if (form === "home" && (path === "/home/media" || path.startsWith("/home/media/"))) {
      return `~${path.slice("/home/media".length)}${trailing}`;
    }
    return out;
  });

type Syntax = "short" | "short-ro" | "long" | "long-untyped" | "named-bind" | "env" | "default" | "dotenv";

/** A compose document whose service "app" (or the stack) mounts `source` in the given syntax. */
function composeWith(
  source: string,
  syntax: Syntax,
): { text: string; env?: Record<string, string>; dotenv?: string } {
  const service = (volume: unknown) => ({ services: { app: { image: "busybox", volumes: [volume] } } });
  switch (syntax) {
    case "short":
      return { text: stringify(service(`${source}:/mnt/x`)) };
    case "short-ro":
      return { text: stringify(service(`${source}:/mnt/x:ro,z`)) };
    case "long":
      return { text: stringify(service({ type: "bind", source, target: "/mnt/x" })) };
    case "long-untyped":
      return { text: stringify(service({ source, target: "/mnt/x" })) };
    case "named-bind":
      return {
        text: stringify({
          ...service("vol:/mnt/x"),
          volumes: { vol: { driver_opts: { type: "none", o: "bind", device: source } } },
        }),
      };
    case "env":
      return { text: stringify(service("${SRC}:/mnt/x")), env: { SRC: source } };
    case "default":
      return { text: stringify(service(`\${UNSET_VAR:-${source}}:/mnt/x`)) };
    case "dotenv":
      return { text: stringify(service("${SRC}:/mnt/x")), dotenv: `SRC='${source}'\n` };
  }
}

const syntax = fc.constantFrom<Syntax>(
  "short",
  "short-ro",
  "long",
  "long-untyped",
  "named-bind",
  "env",
  "default",
  "dotenv",
);

Deno.test("checkCompose() flags a dangerous mount in every spelling and syntax", () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...DANGEROUS).chain((p) => fc.tuple(fc.constant(p), spelling(p))),
      syntax,
      ([path, source], how) => {
        const { text, ...vars } = composeWith(source, how);
        const r = checkCompose(text, { ...CTX, ...vars });
        assert.ok(r.ok, r.ok ? "" : r.error.message);
        const hit = r.value.filter((f) => f.rule === "host-path" && f.severity === "confirm");
        assert.equal(
          hit.length,
          1,
          `${path} as ${JSON.stringify(source)} (${how}): ${JSON.stringify(r.value)}`,
        );
      },
    ),
    { numRuns: 600 },
  );
});

Deno.test("checkCompose() never flags media mounts under /srv, /media-server, the stack folder or ~/media", () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...SAFE_ROOTS).chain((root) =>
        fc.array(segment, { maxLength: 4 }).chain((segs) => spelling([root, ...segs].join("/")))
      ),
      syntax,
      (source, how) => {
        const { text, ...vars } = composeWith(source, how);
        const r = checkCompose(text, { ...CTX, ...vars });
        assert.ok(r.ok, r.ok ? "" : r.error.message);
        assert.deepEqual(r.value, [], `${JSON.stringify(source)} (${how})`);
      },
    ),
    { numRuns: 600 },
  );
});

Deno.test("checkCompose() never throws on arbitrary text", () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), (text) => {
      const r = checkCompose(text, CTX);
      if (!r.ok) assert.match(r.error.message, /^[A-Z]/);
    }),
    { numRuns: 500 },
  );
});

const CHECKED_KEYS = [
  "privileged",
  "pid",
  "ipc",
  "uts",
  "userns_mode",
  "cgroup",
  "network_mode",
  "networks",
  "cap_add",
  "security_opt",
  "devices",
  "device_cgroup_rules",
  "volumes",
  "volumes_from",
  "env_file",
  "label_file",
  "build",
  "logging",
  "runtime",
  "extends",
  "x-podman.rootfs",
  "init-path",
];

Deno.test("checkCompose() never throws on YAML-ish documents with odd values under the checked keys", () => {
  const value = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom(
      "${X}",
      "$",
      "${X:?}",
      "~",
      "~x/y",
      "/:/h",
      ":::",
      "host",
      "container:",
      "ns:",
      "service:",
    ),
  );
  const service = fc.dictionary(fc.constantFrom(...CHECKED_KEYS), value, { maxKeys: 6 });
  const top = fc.record({
    services: fc.oneof(fc.dictionary(fc.stringMatching(/^[a-z]{1,5}$/), service, { maxKeys: 3 }), value),
    volumes: value,
    secrets: value,
    configs: value,
    include: value,
    networks: value,
    "x-podman": fc.oneof(value, fc.record({ pod_args: value })),
  }, { requiredKeys: [] });
  fc.assert(
    fc.property(top, (doc) => {
      const text = stringify(doc);
      const r = checkCompose(text, CTX);
      if (!r.ok) assert.match(r.error.message, /^[A-Z]/);
      const parsed = checkCompose(doc as Record<string, unknown>, CTX);
      if (!parsed.ok) assert.match(parsed.error.message, /^[A-Z]/);
    }),
    { numRuns: 500 },
  );
});

Deno.test("checkQuadlet() never throws on arbitrary unit text", () => {
  const key = fc.constantFrom(
    "Volume",
    "Mount",
    "PodmanArgs",
    "GlobalArgs",
    "AddCapability",
    "AddDevice",
    "Network",
    "UserNS",
    "Rootfs",
    "Device",
    "Options",
    "ExecStartPre",
    "SecurityLabelType",
    "Unmask",
  );
  const line = fc.tuple(key, fc.string({ maxLength: 40 })).map(([k, v]) => `${k}=${v}`);
  const section = fc.constantFrom(
    "[Container]",
    "[Pod]",
    "[Volume]",
    "[Build]",
    "[Kube]",
    "[Service]",
    "[X]",
  );
  fc.assert(
    fc.property(
      fc.array(fc.oneof(section, line, fc.string({ maxLength: 30 })), { maxLength: 12 }),
      (lines) => {
        const r = checkQuadlet(lines.join("\n"), CTX, { unit: "x.container" });
        if (!r.ok) assert.match(r.error.message, /^Cannot check unit "x.container": /);
      },
    ),
    { numRuns: 500 },
  );
});
