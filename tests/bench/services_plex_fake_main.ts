/** Runs the loopback Plex fake in its own process for the history benchmark; prints its URL. */
import { startFakePlex } from "../fakes/plex_fake.ts";

const total = Number(Deno.args[0] ?? 100_000);
const plex = startFakePlex({ token: "bench-token", total, accounts: 5, sections: 3, maxPageSize: 1000 });
console.log(plex.url);
await new Promise(() => {});
