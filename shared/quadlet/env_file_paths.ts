/** Which env_file paths a compose file refers to (absolute), so the CLI can read them before converting. */
import { posix } from "node:path";
import { loadCompose } from "./load_compose.ts";
import type { ConvertInput } from "./types.ts";
import { isMapping } from "./values.ts";

export function envFilePaths(input: ConvertInput): string[] {
  const loaded = loadCompose(input);
  if (!loaded.ok) return [];
  const services = loaded.value.doc["services"];
  if (!isMapping(services)) return [];
  const paths = new Set<string>();
  for (const svc of Object.values(services)) {
    if (!isMapping(svc)) continue;
    const v = svc["env_file"];
    for (const item of Array.isArray(v) ? v : v === undefined ? [] : [v]) {
      const path = isMapping(item) ? item["path"] : item;
      if (typeof path === "string") paths.add(posix.resolve(input.projectDir, path));
    }
  }
  return [...paths];
}
