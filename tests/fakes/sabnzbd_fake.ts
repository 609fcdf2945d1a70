/**
 * A small stateful SABnzbd (5.0.x) on loopback, following /work/shared/notes/sabnzbd-api.md: everything is
 * GET /api?mode=…&output=json; the key only as ?apikey=; 403 with a plain-text body for a missing or wrong key;
 * HTTP 200 {"status": false, "error": …} for unknown modes and bad parameters; numbers as strings.
 */
import { json, type LoopbackServer, serveLoopback, text } from "./serve.ts";

export interface FakeSabSlot {
  nzo_id: string;
  filename: string;
  status: string;
  mb: number;
  mbleft: number;
  cat?: string;
}

export interface FakeSabOptions {
  apiKey: string;
  slots?: FakeSabSlot[];
  history?: Array<{ nzo_id: string; name: string; status: string; fail_message?: string; bytes?: number }>;
  warnings?: Array<{ type: string; text: string; time: number }>;
  /** URL base, e.g. "/sabnzbd". @default "" */
  urlBase?: string;
  version?: string;
}

export type FakeSabHistory = NonNullable<FakeSabOptions["history"]>[number] & { completed?: number };

export interface FakeSab extends LoopbackServer {
  /** Changeable between calls: a test moves `mbleft` to make a job progress, or adds failed history. */
  state: { paused: boolean; slots: FakeSabSlot[]; history: FakeSabHistory[]; requests: URL[] };
}

export function startFakeSabnzbd(options: FakeSabOptions): FakeSab {
  const state: FakeSab["state"] = {
    paused: false,
    slots: [...(options.slots ?? [])],
    history: [...(options.history ?? [])],
    requests: [],
  };
  const urlBase = options.urlBase ?? "";
  const version = options.version ?? "5.0.1";
  const server = serveLoopback((request) => {
    const url = new URL(request.url);
    state.requests.push(url);
    if (url.pathname !== `${urlBase}/api`) return text("Not Found", 404);
    const q = url.searchParams;
    const mode = q.get("mode") ?? "";
    if (mode === "version") return json({ version });
    const key = q.get("apikey");
    if (!key) return text("API Key Required", 403);
    if (key !== options.apiKey) return text("API Key Incorrect", 403);
    const name = q.get("name");
    const value = q.get("value") ?? "";
    switch (mode) {
      case "queue": {
        if (name === "delete") {
          const ids = value.split(",");
          const before = state.slots.length;
          state.slots = state.slots.filter((s) => !ids.includes(s.nzo_id));
          return json({ status: state.slots.length < before, nzo_ids: ids });
        }
        if (name === "pause" || name === "resume") {
          if (!value) return json({ status: false, error: "expects one parameter" });
          const ids = value.split(",");
          for (const slot of state.slots) {
            if (ids.includes(slot.nzo_id)) slot.status = name === "pause" ? "Paused" : "Queued";
          }
          return json({ status: true, nzo_ids: ids });
        }
        // SABnzbd's own answer to an unknown queue action (HTTP 200, status false): a quirk the client must handle.
        if (name) return json({ status: false, error: "not implemented" });
        const start = Number(q.get("start") ?? 0);
        const limit = Number(q.get("limit") ?? 0) || state.slots.length;
        return json({ queue: queueBody(state, version, start, limit) });
      }
      case "history": {
        const slots = state.history.map((h) => ({
          ...h,
          fail_message: h.fail_message ?? "",
          bytes: h.bytes ?? 0,
          completed: h.completed ?? 1_700_000_000,
          category: "tv",
          storage: `/downloads/complete/${h.name}`,
        }));
        return json({
          history: { noofslots: slots.length, slots, ppslots: 0, last_history_update: 1, version },
        });
      }
      case "pause":
        state.paused = true;
        return json({ status: true });
      case "resume":
        state.paused = false;
        return json({ status: true });
      case "warnings":
        return json({ warnings: options.warnings ?? [] });
      default:
        // SABnzbd's own answer to an unknown mode (HTTP 200, status false), as documented in its API notes.
        return json({ status: false, error: "not implemented" });
    }
  });
  return Object.assign(server, { state });
}

function queueBody(state: FakeSab["state"], version: string, start: number, limit: number) {
  const slots = state.slots.slice(start, start + limit).map((slot, index) => ({
    index: start + index,
    nzo_id: slot.nzo_id,
    filename: slot.filename,
    status: state.paused ? "Paused" : slot.status,
    priority: "Normal",
    cat: slot.cat ?? "tv",
    mb: slot.mb.toFixed(2),
    mbleft: slot.mbleft.toFixed(2),
    percentage: String(Math.round(100 * (1 - slot.mbleft / Math.max(slot.mb, 1)))),
    timeleft: state.paused ? "0:00:00" : "0:12:34",
    size: `${(slot.mb / 1024).toFixed(1)} GB`,
    sizeleft: `${(slot.mbleft / 1024).toFixed(1)} GB`,
    time_added: 1_700_000_000,
    labels: [],
  }));
  return {
    version,
    paused: state.paused,
    pause_int: "0",
    status: state.paused ? "Paused" : slots.length ? "Downloading" : "Idle",
    kbpersec: state.paused ? "0.00" : "10240.00",
    speed: state.paused ? "0 " : "10.0 M",
    mb: state.slots.reduce((t, s) => t + s.mb, 0).toFixed(2),
    mbleft: state.slots.reduce((t, s) => t + s.mbleft, 0).toFixed(2),
    diskspace1: "512.50",
    diskspace2: "1024.00",
    diskspacetotal1: "2048.00",
    diskspacetotal2: "4096.00",
    timeleft: "0:12:34",
    noofslots_total: state.slots.length,
    noofslots: slots.length,
    start,
    limit,
    slots,
  };
}
