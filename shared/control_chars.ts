/** Whether text holds a C0 control character or DEL: refused in paths, credential names and values. Pure. */
export function hasControlCharacter(text: string): boolean {
  // deno-lint-ignore no-control-regex -- finding control characters is the point
  return /[\u0000-\u001f\u007f]/.test(text);
}
