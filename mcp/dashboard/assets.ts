/** The dashboard's CSS, script and icon, read from templates/ once and kept in memory. */

const ASSETS: Readonly<Record<string, string>> = {
  "dashboard.css": "text/css; charset=utf-8",
  "dashboard.js": "text/javascript; charset=utf-8",
  "local_time.js": "text/javascript; charset=utf-8",
  "table_tools.js": "text/javascript; charset=utf-8",
  "log_view.js": "text/javascript; charset=utf-8",
  "favicon.svg": "image/svg+xml",
};

const cache = new Map<string, Promise<string>>();

export async function readAsset(file: string): Promise<{ body: string; type: string } | null> {
  const type = ASSETS[file];
  if (type === undefined) return null;
  let body = cache.get(file);
  if (body === undefined) {
    body = Deno.readTextFile(new URL(`../../templates/${file}`, import.meta.url));
    cache.set(file, body);
    body.catch(() => cache.delete(file));
  }
  return { body: await body, type };
}
