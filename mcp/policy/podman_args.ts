/**
 * Podman command-line words (quadlet PodmanArgs=/GlobalArgs=, podman-compose `x-podman.pod_args`) → flag
 * and value pairs, read the way podman's flag parser reads them, erring towards seeing more flags:
 * - a flag that matters here takes the next word as its value whatever it is, as pflag does;
 * - any other flag takes the next word only when that word does not start with "-", so no word that podman
 *   could read as a flag is hidden inside another flag's value;
 * - short flags may be grouped (`-itv /a:/b`) or joined to their value (`-v/a:/b`, `-v=/a:/b`).
 */

export interface PodmanFlag {
  /** The long name with dashes: `--volume` also for `-v`, `--network` also for `--net`. */
  name: string;
  value: string | undefined;
  /** The words as written, for the flag's detail. */
  written: string;
}

/** Flags that change how Podman itself runs: its storage, modules and network helpers. */
export const PODMAN_CONFIG_FLAGS: ReadonlySet<string> = new Set([
  "--module",
  "--root",
  "--runroot",
  "--storage-driver",
  "--storage-opt",
  "--network-cmd-path",
  "--cni-config-dir",
]);

/** Flags whose value decides a policy rule. */
const CHECKED_VALUE_FLAGS = new Set([
  ...PODMAN_CONFIG_FLAGS,
  "--volume",
  "--mount",
  "--device",
  "--device-cgroup-rule",
  "--cap-add",
  "--security-opt",
  "--pid",
  "--ipc",
  "--uts",
  "--userns",
  "--cgroupns",
  "--network",
  "--volumes-from",
  "--env-file",
  "--init-path",
  "--log-opt",
  "--build-context",
  "--secret",
  "--hooks-dir",
  "--runtime",
  "--conmon",
]);

/** Flags that never take a separate value word. */
const BOOLEAN_FLAGS = new Set(["--privileged", "--rootfs", "--env-host", "--rm", "--init", "--read-only"]);

const LONG_ALIASES: Readonly<Record<string, string>> = { "--net": "--network" };
const SHORT_VALUE_FLAGS: Readonly<Record<string, string>> = {
  v: "--volume",
  e: "--env",
  p: "--publish",
  l: "--label",
  u: "--user",
  w: "--workdir",
  h: "--hostname",
  m: "--memory",
  a: "--attach",
  c: "--cpu-shares",
  f: "--file",
};

export function parsePodmanArgs(words: readonly string[]): PodmanFlag[] {
  const flags: PodmanFlag[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (word === "--") break;
    const next = words[i + 1];
    if (word.startsWith("--")) {
      const eq = word.indexOf("=");
      const written = eq < 0 ? word : word.slice(0, eq);
      const name = Object.hasOwn(LONG_ALIASES, written) ? LONG_ALIASES[written] as string : written;
      if (eq >= 0) flags.push({ name, value: word.slice(eq + 1), written: word });
      else if (next !== undefined && takesNext(name, next)) {
        flags.push({ name, value: next, written: `${word} ${next}` });
        i++;
      } else flags.push({ name, value: undefined, written: word });
    } else if (word.startsWith("-") && word.length > 1) {
      const consumed = shortCluster(word, next, flags);
      if (consumed) i++;
    }
  }
  return flags;
}

function takesNext(name: string, next: string): boolean {
  if (CHECKED_VALUE_FLAGS.has(name)) return true;
  return !BOOLEAN_FLAGS.has(name) && !next.startsWith("-");
}

/** Reads `-itv/a:/b`; returns whether the next word was taken as a value. */
function shortCluster(word: string, next: string | undefined, flags: PodmanFlag[]): boolean {
  for (let j = 1; j < word.length; j++) {
    const letter = word[j] as string;
    const long = Object.hasOwn(SHORT_VALUE_FLAGS, letter) ? SHORT_VALUE_FLAGS[letter] : undefined;
    if (long === undefined) {
      flags.push({ name: `-${letter}`, value: undefined, written: word });
      continue;
    }
    const rest = word.slice(j + 1).replace(/^=/, "");
    if (rest !== "") {
      flags.push({ name: long, value: rest, written: word });
      return false;
    }
    if (next !== undefined && takesNext(long, next)) {
      flags.push({ name: long, value: next, written: `${word} ${next}` });
      return true;
    }
    flags.push({ name: long, value: undefined, written: word });
    return false;
  }
  return false;
}
