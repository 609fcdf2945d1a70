/**
 * A compact change summary for the file_write preview: the common head and tail are skipped and the differing
 * middle is shown as removed and added lines (at most `maxLines` each). Pure.
 */
export interface ChangeSummary {
  /** 1-based line where the first difference starts. */
  firstChangedLine: number;
  removed: string[];
  added: string[];
  removedCount: number;
  addedCount: number;
  linesBefore: number;
  linesAfter: number;
}

export function summarizeChange(before: string, after: string, maxLines = 40): ChangeSummary {
  const a = before.split("\n");
  const b = after.split("\n");
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]
  ) tail++;
  const removed = a.slice(head, a.length - tail);
  const added = b.slice(head, b.length - tail);
  return {
    firstChangedLine: head + 1,
    removed: removed.slice(0, maxLines),
    added: added.slice(0, maxLines),
    removedCount: removed.length,
    addedCount: added.length,
    linesBefore: a.length,
    linesAfter: b.length,
  };
}
