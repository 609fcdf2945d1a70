/** What the compose ↔ quadlet tools share: the unit files they handle. */
import { quadletFilePattern } from "../../../shared/names.ts";

/** The unit types the converter writes; other quadlet types are not staged or read back. */
export const UNIT_FILE = quadletFilePattern(["container", "network", "volume", "build"]);

/** `media-vpn.container` → the name and type arr-helper's quadlet ops take. */
export function unitRef(file: string): { name: string; type: string } {
  const dot = file.lastIndexOf(".");
  return { name: file.slice(0, dot), type: file.slice(dot + 1) };
}
