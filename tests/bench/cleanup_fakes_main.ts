/**
 * Runs the loopback Plex and Sonarr fakes over a generated library in their own process, so the benchmark's
 * heap is the preview's alone; prints `{"plex":url,"sonarr":url}`.
 *   deno run --allow-net tests/bench/cleanup_fakes_main.ts <series> <plays> [spread]
 */
import { startFakeArr } from "../fakes/arr_fake.ts";
import { startFakePlex } from "../fakes/plex_fake.ts";
import { benchLibrary } from "./cleanup_library.ts";

export const BENCH_PLEX_TOKEN = "plex-bench-token-0123";
export const BENCH_SONARR_KEY = "sonarr-bench-key-0123";

if (import.meta.main) {
  const library = benchLibrary({
    series: Number(Deno.args[0] ?? 2000),
    plays: Number(Deno.args[1] ?? 100_000),
    spread: Deno.args[2] === "spread",
  });
  const plex = startFakePlex({ token: BENCH_PLEX_TOKEN, total: 0, library, maxPageSize: 1000 });
  const sonarr = startFakeArr({ app: "sonarr", apiKey: BENCH_SONARR_KEY, library });
  console.log(JSON.stringify({ plex: plex.url, sonarr: sonarr.url }));
  await new Promise(() => {});
}
