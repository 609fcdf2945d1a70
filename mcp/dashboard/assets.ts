/**
 * The dashboard's CSS, scripts and icon from templates/, imported as text: they are part of the program (and of
 * its bundle, `deno task bundle`), so no file is read at request time and no path is resolved at run time.
 */
import css from "../../templates/dashboard.css" with { type: "text" };
import dashboardJs from "../../templates/dashboard.js" with { type: "text" };
import localTimeJs from "../../templates/local_time.js" with { type: "text" };
import tableToolsJs from "../../templates/table_tools.js" with { type: "text" };
import logViewJs from "../../templates/log_view.js" with { type: "text" };
import favicon from "../../templates/favicon.svg" with { type: "text" };

const JS = "text/javascript; charset=utf-8";

const ASSETS: Readonly<Record<string, { body: string; type: string }>> = {
  "dashboard.css": { body: css, type: "text/css; charset=utf-8" },
  "dashboard.js": { body: dashboardJs, type: JS },
  "local_time.js": { body: localTimeJs, type: JS },
  "table_tools.js": { body: tableToolsJs, type: JS },
  "log_view.js": { body: logViewJs, type: JS },
  "favicon.svg": { body: favicon, type: "image/svg+xml" },
};

export function readAsset(file: string): { body: string; type: string } | null {
  return Object.hasOwn(ASSETS, file) ? ASSETS[file]! : null;
}
