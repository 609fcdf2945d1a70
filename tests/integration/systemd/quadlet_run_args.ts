/**
 * The `podman run` words the real quadlet generator makes of systemd/arr-mcp.container, made runnable outside
 * systemd: the test runs the image exactly as the unit says, with only the host paths, names and port swapped.
 */
import { splitWords } from "../../../shared/quadlet/systemd_quote.ts";

/** Flags that need systemd (the cid file under %t, the notify socket, the unit's cgroup) or that the caller sets. */
const SYSTEMD_ONLY = new Set(["--replace", "--rm", "--cgroups=split", "--sdnotify=conmon", "-d"]);

export interface RunSubstitutions {
  /** Container name in place of the unit's `ContainerName`. */
  name: string;
  /** The image the unit names (checked) and the one to run instead. */
  image: { unit: string; run: string };
  /** Every `Volume=` source of the unit and what to mount instead, e.g. `%t/podman` → a socket folder. */
  volumes: Readonly<Record<string, string>>;
  /** Environment values replaced by name (the name must be one the unit sets). */
  env: Readonly<Record<string, string>>;
}

/** The arguments after `podman run` for the generated `ExecStart=` line; throws on anything it cannot map. */
export function runArgsFromExecStart(execStart: string, sub: RunSubstitutions): string[] {
  const words = splitWords(execStart.replace(/^ExecStart=/, ""));
  if (words === undefined || !words[0]?.endsWith("/podman") || words[1] !== "run") {
    throw new Error(`Cannot read the generated ExecStart: "${execStart}"`);
  }
  const last = words.length - 1;
  if (words[last] !== sub.image.unit) {
    throw new Error(`The unit runs "${words[last]}", expected "${sub.image.unit}"`);
  }
  const out: string[] = [];
  for (let i = 2; i < last; i++) {
    const word = words[i]!;
    if (SYSTEMD_ONLY.has(word) || word.startsWith("--cidfile=")) continue;
    const value = words[i + 1] ?? "";
    if (word === "--name") {
      out.push(word, sub.name);
    } else if (word === "-v") {
      const [source, ...rest] = value.split(":");
      const swapped = sub.volumes[source ?? ""];
      if (swapped === undefined) throw new Error(`No substitute for the unit's volume "${value}"`);
      out.push(word, [swapped, ...rest].join(":"));
    } else if (word === "--env") {
      const name = value.slice(0, value.indexOf("="));
      out.push(word, name in sub.env ? `${name}=${sub.env[name]}` : value);
    } else {
      out.push(word);
      continue;
    }
    i++;
  }
  const unmapped = out.find((w) => /%[a-zA-Z]/.test(w));
  if (unmapped !== undefined) throw new Error(`A systemd specifier is left in "${unmapped}"`);
  for (const name of Object.keys(sub.env)) {
    if (!out.includes(`${name}=${sub.env[name]}`)) throw new Error(`The unit sets no "${name}"`);
  }
  return [...out, sub.image.run];
}
