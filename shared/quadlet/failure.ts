/**
 * Inside the converter, a malformed value aborts the conversion of its service by throwing `InvalidValue`;
 * `convertCompose` catches it at the boundary and returns a `ConvertError`. It never escapes the module.
 */
export class InvalidValue extends Error {
  constructor(readonly key: string, message: string) {
    super(message);
    this.name = "InvalidValue";
  }
}

export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return `${typeof value} ${JSON.stringify(value)}`;
}
