/** deno bench: media_queue over 500 queue items (Sonarr 300 + Radarr 200) and 2 download clients on loopback. */
import { collectMediaQueue } from "../../mcp/media/queue.ts";
import { mediaQueueStack } from "./services_fixture.ts";

const stack = mediaQueueStack();
// Warm up: qBittorrent login and version detection happen once per client, as in production.
const warm = await collectMediaQueue(stack.media, { limit: 1000 });
if (warm.total !== 500 || warm.problems.length > 0) {
  throw new Error(`Bench setup broken: ${JSON.stringify(warm.problems)}`);
}

Deno.bench("media_queue: 500 items, SABnzbd + qBittorrent joined", async () => {
  await collectMediaQueue(stack.media, { limit: 1000 });
});

globalThis.addEventListener("unload", () => void stack.close());
