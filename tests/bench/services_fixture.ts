/** Loopback fakes and MediaServices for the services benchmarks (500 queue items, 2 download clients). */
import { memoryMediaServices } from "../integration/_support/memory_media_services.ts";
import { startFakeArr } from "../fakes/arr_fake.ts";
import { startFakeQbittorrent } from "../fakes/qbittorrent_fake.ts";
import { startFakeSabnzbd } from "../fakes/sabnzbd_fake.ts";

export interface MediaQueueStackOptions {
  /** Which item numbers (per app) are torrents; the rest are usenet. @default odd ones (250 torrents) */
  isTorrent?: (i: number) => boolean;
}

export function mediaQueueStack(options: MediaQueueStackOptions = {}) {
  // 300 Sonarr + 200 Radarr items; by default half usenet (SABnzbd), half torrent (qBittorrent 5.2).
  const isTorrent = options.isTorrent ?? ((i: number) => i % 2 === 1);
  const idOf = (prefix: string) => (i: number) =>
    !isTorrent(i)
      ? { downloadId: `SABnzbd_nzo_${prefix}${i}`, protocol: "usenet" as const }
      : { downloadId: `${prefix}${i}`.padEnd(40, "0"), protocol: "torrent" as const };
  const sonarr = startFakeArr({
    app: "sonarr",
    apiKey: "sonarr-bench-key",
    queueSize: 300,
    downloadIdOf: idOf("s"),
  });
  const radarr = startFakeArr({
    app: "radarr",
    apiKey: "radarr-bench-key",
    queueSize: 200,
    downloadIdOf: idOf("r"),
  });
  const slots = [];
  const torrents = [];
  for (const [prefix, n] of [["s", 300], ["r", 200]] as const) {
    for (let i = 0; i < n; i++) {
      if (!isTorrent(i)) {
        slots.push({
          nzo_id: `SABnzbd_nzo_${prefix}${i}`,
          filename: `job ${i}`,
          status: "Downloading",
          mb: 1000,
          mbleft: 400,
        });
      } else {
        torrents.push({
          hash: `${prefix}${i}`.padEnd(40, "0"),
          name: `t ${i}`,
          state: i % 7 === 0 ? "stalledDL" : "downloading",
          progress: 0.5,
        });
      }
    }
  }
  const sab = startFakeSabnzbd({ apiKey: "sab-bench-key", slots });
  const qbit = startFakeQbittorrent({
    version: "5.2.3",
    username: "admin",
    password: "adminadmin",
    torrents,
  });
  const env = {
    SONARR_URL: sonarr.url,
    SONARR_API_KEY: "sonarr-bench-key",
    RADARR_URL: radarr.url,
    RADARR_API_KEY: "radarr-bench-key",
    SABNZBD_URL: sab.url,
    SABNZBD_API_KEY: "sab-bench-key",
    QBITTORRENT_URL: qbit.url,
    QBITTORRENT_USERNAME: "admin",
    QBITTORRENT_PASSWORD: "adminadmin",
  };
  const media = memoryMediaServices(env);
  return {
    media,
    env,
    /** Forgets what the fakes recorded, so a long run measures the server, not the fakes' request logs. */
    clearRequestLogs: () => {
      for (const s of [sonarr, radarr, sab, qbit]) s.state.requests.length = 0;
    },
    close: async () => {
      for (const s of [sonarr, radarr, sab, qbit]) await s.close();
    },
  };
}
