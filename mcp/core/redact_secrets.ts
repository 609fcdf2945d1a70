/** What replaces a secret value in every text the tools return. `file_write` refuses content containing it. */
export const REDACTED = "[REDACTED]";

/** Setting names whose values are secrets in the configs, env files and logs of the known services. */
const NAME =
  String.raw`[\w.\\/-]*?(?:api[_-]?key|apikey|nzb[_-]?key|token|password|passwd|passphrase|secret|` +
  String.raw`pbkdf2|private|credential|cookie|claim)[\w.\\/-]*`;

interface Rule {
  pattern: RegExp;
  replace: (...groups: string[]) => string;
}

const RULES: Rule[] = [
  // <ApiKey>abc</ApiKey> (the *arr config.xml)
  {
    pattern: new RegExp(String.raw`<(${NAME})>([^<]+)</\1>`, "gi"),
    replace: (_m, tag) => `<${tag}>${REDACTED}</${tag}>`,
  },
  // PlexOnlineToken="abc", "apiKey": "abc", apikey = "abc"
  {
    pattern: new RegExp(String.raw`(["']?)\b(${NAME})\1(\s*[=:]\s*)"([^"]+)"`, "gi"),
    replace: (_m, q, key, sep) => `${q}${key}${q}${sep}"${REDACTED}"`,
  },
  // ?apikey=abc&… in logged URLs
  {
    pattern: new RegExp(String.raw`([?&;](?:${NAME}|X-Plex-Token)=)([^&\s"'<>]+)`, "gi"),
    replace: (_m, head) => `${head}${REDACTED}`,
  },
  // Authorization: Bearer abc
  {
    pattern: /\b(authorization["']?\s*[:=]\s*["']?)(?:(basic|bearer|token|digest)\s+)?[^\s"',;]+/gi,
    replace: (_m, head, scheme) => `${head}${scheme ? `${scheme} ` : ""}${REDACTED}`,
  },
  // http://user:pass@host
  {
    pattern: /(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:)([^@\s/]+)@/gi,
    replace: (_m, head) => `${head}${REDACTED}@`,
  },
  // api_key = abc (INI, qBittorrent.conf), API_KEY=abc (env), apikey: abc (YAML), X-Api-Key: abc (logs)
  {
    pattern: new RegExp(
      String.raw`^(\s*(?:-\s+)?(?:export\s+)?["']?${NAME}["']?\s*[=:]\s*)(?!["']?\[REDACTED\])(\S.*)$`,
      "gim",
    ),
    replace: (_m, head) => `${head}${REDACTED}`,
  },
  // Headers: X-Api-Key: abc … or token=abc in the middle of a log line
  {
    pattern: new RegExp(String.raw`\b(${NAME})(["']?\s*[=:]\s*)(?!["']?\[REDACTED\])([^\s&"',;<>]+)`, "gi"),
    replace: (_m, key, sep) => `${key}${sep}${REDACTED}`,
  },
];

export interface Redaction {
  text: string;
  /** How many values were replaced. */
  count: number;
}

/** Replaces the values of secret-looking settings, query parameters, auth headers and URL passwords. */
export function redactSecrets(text: string): Redaction {
  let count = 0;
  let out = text;
  for (const rule of RULES) {
    out = out.replace(rule.pattern, (...args: unknown[]) => {
      count++;
      // args: match, ...groups, offset, whole text (no named groups are used)
      return rule.replace(...args.slice(0, -2).map((a) => (typeof a === "string" ? a : "")));
    });
  }
  return { text: out, count };
}

/** Env-file keys whose values are plain settings, not secrets; every other value is redacted. */
const ENV_PLAIN =
  /^(PUID|PGID|UID|GID|TZ|UMASK|UMASK_SET|LANG|LC_ALL|VERSION|[A-Z0-9_]*_(PORT|DIR|PATH|HOST|URL_BASE))$/;

/** Redacts an env file: all values except plain settings such as PUID, TZ or *_PORT. */
export function redactEnvFile(text: string): Redaction {
  let count = 0;
  const lines = text.split("\n").map((line) => {
    const m = /^(\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*)(.*)$/.exec(line);
    if (!m || m[3] === undefined || m[3].trim() === "" || ENV_PLAIN.test(m[2] ?? "")) return line;
    count++;
    return `${m[1]}${REDACTED}`;
  });
  const rest = redactSecrets(lines.join("\n"));
  return { text: rest.text, count: count + rest.count };
}
