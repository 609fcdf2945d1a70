import { z } from "zod";

/** SABnzbd JSON shapes. Almost every number arrives as a string ("12.34"), so numeric fields are parsed leniently. */

/** "12.34" | 12.34 → 12.34; anything unparsable → undefined. */
export const lenientNumber = z.union([z.string(), z.number()]).nullish().transform((value) => {
  if (value === null || value === undefined || value === "") return undefined;
  const parsed = typeof value === "number" ? value : Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
});

const str = z.string().nullish();

export const versionSchema = z.looseObject({ version: z.string() });

export const queueSlotSchema = z.looseObject({
  nzo_id: z.string(),
  filename: str,
  status: str,
  priority: str,
  cat: str,
  percentage: lenientNumber,
  mb: lenientNumber,
  mbleft: lenientNumber,
  timeleft: str,
  time_added: lenientNumber,
});
export type SabQueueSlot = z.output<typeof queueSlotSchema>;

export const queueSchema = z.looseObject({
  queue: z.looseObject({
    version: str,
    status: str,
    paused: z.boolean().nullish(),
    kbpersec: lenientNumber,
    speed: str,
    mb: lenientNumber,
    mbleft: lenientNumber,
    timeleft: str,
    diskspace1: lenientNumber,
    diskspace2: lenientNumber,
    diskspacetotal1: lenientNumber,
    diskspacetotal2: lenientNumber,
    noofslots_total: lenientNumber,
    slots: z.array(queueSlotSchema).nullish().transform((slots) => slots ?? []),
  }),
});
export type SabQueue = z.output<typeof queueSchema>["queue"];

export const historySlotSchema = z.looseObject({
  nzo_id: z.string(),
  name: str,
  status: str,
  fail_message: str,
  category: str,
  bytes: lenientNumber,
  completed: lenientNumber,
  download_time: lenientNumber,
  storage: str,
});
export type SabHistorySlot = z.output<typeof historySlotSchema>;

export const historySchema = z.looseObject({
  history: z.union([
    z.literal(false),
    z.looseObject({
      noofslots: lenientNumber,
      slots: z.array(historySlotSchema).nullish().transform((slots) => slots ?? []),
    }),
  ]),
});

export const actionSchema = z.looseObject({
  status: z.boolean(),
  nzo_ids: z.array(z.string()).nullish(),
});

/** Older releases send warnings as plain strings, newer ones as objects. */
export const warningsSchema = z.looseObject({
  warnings: z.array(z.union([
    z.string().transform((text) => ({ type: undefined, text, time: undefined })),
    z.looseObject({ type: str, text: z.string(), time: lenientNumber }),
  ])),
});
export type SabWarning = z.output<typeof warningsSchema>["warnings"][number];

/** SABnzbd's generic failure answer, sent with HTTP 200. */
export const failureSchema = z.looseObject({ status: z.literal(false), error: z.string().nullish() });
