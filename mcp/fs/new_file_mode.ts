/** Which mode a file gets. Pure. */

/** Private: nothing for group or others. */
export function isPrivateMode(mode: number): boolean {
  return (mode & 0o077) === 0;
}

/**
 * The mode of a new file, from the modes of the regular files already in its folder: 0600 when there are some
 * and all of them are private (a folder of secrets stays private), else 0644.
 */
export function newFileMode(siblingModes: readonly number[]): number {
  return siblingModes.length > 0 && siblingModes.every(isPrivateMode) ? 0o600 : 0o644;
}
