/**
 * What `deno task start` runs: the server from its bundle when `deno task bundle` (the start task's dependency)
 * made one from this very tree, else from source (launch/entry.ts). One minified file loads less than ~600
 * modules and their npm resolution: about 15 MB less RSS idle (docs/state-store.md, "Memory"). The behaviour
 * is the same either way: the bundle is mcp/main.ts and everything it imports. Permissions come from the start
 * task's flags.
 */
import { chooseEntry } from "./launch/entry.ts";

const entry = await chooseEntry(new URL("../", import.meta.url));
console.log(entry.note);
// A computed specifier: Deno loads main.ts's module graph only when it is the one chosen.
const program: { main(): Promise<void> } = await import(entry.url.href);
await program.main();
