import { z } from "zod";

const str = z.string().nullish();
const num = z.number().nullish();

/** MAX_ETA in qBittorrent: an ETA this large means "unknown / infinite". */
export const QBIT_INFINITE_ETA = 8_640_000;

export const torrentSchema = z.looseObject({
  hash: z.string(),
  name: z.string(),
  state: z.string(),
  progress: z.number(),
  dlspeed: num,
  upspeed: num,
  eta: num,
  size: num,
  total_size: num,
  amount_left: num,
  category: str,
  added_on: num,
  /** Unix seconds of the last chunk up or down. */
  last_activity: num,
  save_path: str,
  num_seeds: num,
});
export type QbitTorrentRaw = z.output<typeof torrentSchema>;
export const torrentsSchema = z.array(torrentSchema);

export const transferInfoSchema = z.looseObject({
  dl_info_speed: z.number(),
  up_info_speed: z.number(),
  dl_info_data: num,
  up_info_data: num,
  dl_rate_limit: num,
  up_rate_limit: num,
  dht_nodes: num,
  connection_status: z.string(),
});
export type QbitTransferInfo = z.output<typeof transferInfoSchema>;

export const mainDataSchema = z.looseObject({
  rid: z.number(),
  full_update: z.boolean().nullish(),
  torrents: z.record(z.string(), z.looseObject({})).nullish(),
  torrents_removed: z.array(z.string()).nullish(),
  server_state: z.looseObject({
    free_space_on_disk: num,
    dl_info_speed: num,
    up_info_speed: num,
    connection_status: str,
    queueing: z.boolean().nullish(),
  }).nullish(),
});
export type QbitMainData = z.output<typeof mainDataSchema>;
