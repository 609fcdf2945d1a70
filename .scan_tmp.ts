import { checkCompose } from "./mcp/policy/check_compose.ts";
const ctx = { stackDir: "/opt/stacks/demo", dataDir: "/home/media/.local/share/arr-mcp", runtimeSockets: ["/run/user/1000/podman/podman.sock"], helperSocketDir: "/run/user/1000/arr-helper", homeDir: "/home/media" };
const byRule: Record<string, number> = {}; const filesByRule: Record<string, Set<string>> = {};
let flagged = 0, errors = 0;
for (const d of [...Deno.readDirSync("/work/shared/compose-real")].map((e) => e.name).sort()) {
  const text = Deno.readTextFileSync(`/work/shared/compose-real/${d}/compose.yaml`);
  const r = checkCompose(text, ctx);
  if (!r.ok) { errors++; console.log(d, "ERROR", r.error.message); continue; }
  const confirm = r.value.filter((f) => f.severity === "confirm");
  if (confirm.length) flagged++;
  if (Deno.args[0] === "v" || Deno.args[0] === d) for (const f of r.value) console.log(d, f.severity, f.rule, "|", f.words, "|", f.detail);
  for (const f of r.value) { byRule[f.rule] = (byRule[f.rule] ?? 0) + 1; (filesByRule[f.rule] ??= new Set()).add(d); }
}
console.log({ flagged, errors });
for (const [k, v] of Object.entries(byRule)) console.log(k, v, "flags in", filesByRule[k]!.size, "files");
