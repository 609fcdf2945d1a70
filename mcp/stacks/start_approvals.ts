/**
 * What stack_up last started with a person's approval or with clean content: per stack, the sha256 of the
 * compose file and of `.env`. Kept in `<data dir>/stack-approvals.json` (0600, written atomically), so an
 * unchanged stack starts again without asking and a changed, flagged one asks once.
 */
import { writeFileAtomic } from "../../shared/atomic_write.ts";

export interface StartApproval {
  compose: string;
  env: string | null;
}

export const APPROVALS_FILE = "stack-approvals.json";

/** Updates of one file queue behind each other (read, change, write). */
const queues = new Map<string, Promise<unknown>>();

export function startApprovals(dataDir: string) {
  const path = `${dataDir}/${APPROVALS_FILE}`;

  async function readAll(): Promise<Record<string, StartApproval>> {
    try {
      const parsed = JSON.parse(await Deno.readTextFile(path)) as unknown;
      return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
        ? parsed as Record<string, StartApproval>
        : {};
    } catch {
      // Missing or unreadable: nothing is approved, so a flagged stack asks again. Never less safe.
      return {};
    }
  }

  return {
    async get(stack: string): Promise<StartApproval | undefined> {
      const entry = (await readAll())[stack];
      return entry && typeof entry.compose === "string" ? entry : undefined;
    },
    /** Records `approval` for `stack`; throws when the file cannot be written. */
    record(stack: string, approval: StartApproval): Promise<void> {
      const next = (queues.get(path) ?? Promise.resolve()).catch(() => {}).then(async () => {
        const all = await readAll();
        all[stack] = { compose: approval.compose, env: approval.env };
        await writeFileAtomic(path, new TextEncoder().encode(`${JSON.stringify(all, null, 2)}\n`), {
          mode: 0o600,
        });
      });
      queues.set(path, next);
      return next;
    },
  };
}

export function sameApproval(a: StartApproval | undefined, b: StartApproval): boolean {
  return a !== undefined && a.compose === b.compose && a.env === b.env;
}
