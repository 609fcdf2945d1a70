import { FsError } from "./fs_error.ts";

/**
 * ADR-0001: the server modifies only files owned by its own uid, so it can never be used to change files that
 * belong to another account (root, a container's user) even where the filesystem would let it.
 */
export function assertOwnedBy(path: string, fileUid: number | null, serverUid: number, action: string): void {
  if (fileUid === null) {
    throw new FsError("not_owned", `Cannot ${action} "${path}": its owner is unknown on this platform`);
  }
  if (fileUid !== serverUid) {
    throw new FsError(
      "not_owned",
      `Cannot ${action} "${path}": owned by uid ${fileUid}, not by the server's uid ${serverUid} (only files the ` +
        `server owns may be modified)`,
    );
  }
}
