import { isAbsolute, normalize, sep } from "node:path";

/** True when `candidate` is `root` itself or lies below it; both must be absolute, already-resolved paths. */
export function isWithin(root: string, candidate: string): boolean {
  if (!isAbsolute(root) || !isAbsolute(candidate)) return false;
  const r = normalize(root);
  const c = normalize(candidate);
  if (c === r) return true;
  const prefix = r.endsWith(sep) ? r : r + sep;
  return c.startsWith(prefix);
}
