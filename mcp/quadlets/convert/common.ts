/** What the compose ↔ quadlet tools share: the unit files they handle and the stack argument. */
import { z } from "zod";

/** The unit types the converter writes; other quadlet types are not staged or read back. */
export const UNIT_FILE = /^[A-Za-z0-9][A-Za-z0-9_.@-]*\.(container|network|volume|build)$/;

export const stackField = z.string().min(1).max(128).describe("Stack name: the folder under the stacks dir");

/** `media-vpn.container` → the name and type arr-helper's quadlet ops take. */
export function unitRef(file: string): { name: string; type: string } {
  const dot = file.lastIndexOf(".");
  return { name: file.slice(0, dot), type: file.slice(dot + 1) };
}
