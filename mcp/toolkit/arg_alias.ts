/**
 * Renamed tool arguments: the old name is still accepted for now. `inputObject(shape, { name: "container" })`
 * lists `container` as required (its description names the old name) and `name` as optional; a call that
 * passes only `name` reaches the tool as `container`. The schema stays a zod object, because the SDK lists
 * only object schemas (a `z.preprocess` would be listed as an empty object), so the renaming is an
 * object-level overwrite.
 */
import { z } from "zod";

/** Old argument name → new name (string arguments: the alias is listed as a plain string). */
export type Renamed = Readonly<Record<string, string>>;

export function inputObject(shape: z.ZodRawShape, renamed: Renamed = {}) {
  const pairs = Object.entries(renamed);
  if (pairs.length === 0) return z.object(shape);
  const loose: Record<string, z.core.$ZodType> = { ...shape };
  for (const [old, now] of pairs) {
    const field = shape[now] as z.ZodType | undefined;
    if (field === undefined) throw new Error(`Cannot rename "${old}": the tool has no argument "${now}"`);
    loose[now] = field.optional().describe(field.description ?? now);
    // Listed without its own constraints (tools/list stays small); its value is checked as the new name's below.
    loose[old] = z.string().optional().describe(`Alias of ${now}`);
  }
  const required = Object.keys(shape).filter((k) => !z.safeParse(shape[k]!, undefined).success);
  return z.object(loose)
    .superRefine((args, ctx) => {
      for (const [old, now] of pairs) {
        if (args[old] !== undefined && args[now] !== undefined) {
          ctx.addIssue({
            code: "custom",
            path: [old],
            message: `Cannot take both "${now}" and "${old}": "${old}" is the old name of "${now}"`,
          });
        }
      }
    })
    .overwrite((args) => withNewNames(args, renamed))
    .superRefine((args, ctx) => {
      for (const [, now] of pairs) {
        if (required.includes(now) && args[now] === undefined) {
          ctx.addIssue({ code: "custom", path: [now], message: `Missing argument "${now}"` });
        }
        const checked = args[now] === undefined ? null : z.safeParse(shape[now]!, args[now]);
        for (const issue of checked?.error?.issues ?? []) {
          ctx.addIssue({ code: "custom", path: [now, ...issue.path], message: issue.message });
        }
      }
    })
    .meta({ required });
}

/** The arguments with each old name's value moved to its new name. */
export function withNewNames(args: Record<string, unknown>, renamed: Renamed): Record<string, unknown> {
  const out = { ...args };
  for (const [old, now] of Object.entries(renamed)) {
    if (!(old in out)) continue;
    out[now] ??= out[old];
    delete out[old];
  }
  return out;
}
