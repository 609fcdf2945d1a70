/**
 * A frozen lookup table without a prototype. Compose keys come from user files, so `table[key]` must not find
 * `valueOf`, `constructor` or `__proto__` on Object.prototype.
 */
export function lookupTable<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
