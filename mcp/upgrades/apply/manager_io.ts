/**
 * The manager-specific steps of an upgrade: how the image a compose service or quadlet unit names is changed
 * and put back, and how that one service or unit is recreated. Compose files go through the same checked write
 * as compose_write (atomic, a backup kept, refused when the file changed underneath); quadlet files through
 * arr-helper's quadlet_write, which keeps the previous version. Recreation is arr-helper's
 * stack_service_recreate, or daemon-reload (after a file change) and systemd_restart.
 */
import { err, ok, type Result } from "../../../shared/result.ts";
import { sha256Hex } from "../../../shared/encoding.ts";
import type { HelperClient } from "../../clients/helper/helper_client.ts";
import type { FsPort } from "../../fs/port.ts";
import { readCompose, writeCompose } from "../../fs/stack_files.ts";
import { helperOutput, tailText } from "../../toolkit/helper_failure.ts";
import { setComposeImage, setQuadletImage } from "./image_edit.ts";
import type { UpgradeIo } from "./run_upgrade.ts";

export type ManagerIo = Pick<UpgradeIo, "setImage" | "restoreImage" | "recreate">;

const text = <T>(r: Result<T, { message: string }>): Result<T, string> => (r.ok ? r : err(r.error.message));

export function composeIo(
  deps: { fs: FsPort; stacksDir: string; helper: HelperClient },
  target: { stack: string; service: string },
): ManagerIo {
  let before: { path: string; content: string; writtenSha: string } | null = null;
  return {
    async setImage(from, to) {
      const current = await readCompose(deps.fs, deps.stacksDir, target.stack);
      if (!current.ok) return text(current);
      const { content, sha256, path } = current.value;
      if (content === null) return err(`Stack "${target.stack}" has no compose file`);
      const changed = setComposeImage(content, target.service, from, to);
      if (!changed.ok) return changed;
      const written = await writeCompose(deps.fs, deps.stacksDir, {
        stack: target.stack,
        path,
        expectedSha256: sha256,
        content: changed.value,
      });
      if (!written.ok) return text(written);
      before = { path, content, writtenSha: sha256Hex(changed.value) };
      return ok(`${path}: image ${to} (backup ${written.value.backup ?? "none"})`);
    },
    async restoreImage() {
      if (before === null) return err("Nothing to restore");
      const written = await writeCompose(deps.fs, deps.stacksDir, {
        stack: target.stack,
        path: before.path,
        expectedSha256: before.writtenSha,
        content: before.content,
      });
      return written.ok ? ok(`${before.path} restored`) : text(written);
    },
    async recreate() {
      const r = helperOutput(
        `recreate service "${target.service}" of stack "${target.stack}"`,
        await deps.helper.call("stack_service_recreate", { stack: target.stack, service: target.service }),
      );
      return r.ok ? ok(`service ${target.service} recreated`) : text(r);
    },
  };
}

export function quadletIo(deps: { helper: HelperClient }, unit: string): ManagerIo {
  const name = unit.replace(/\.service$/, "");
  const file = { name, type: "container" };
  let before: string | null = null;
  const write = async (content: string) =>
    text(
      helperOutput(`write ${name}.container`, await deps.helper.call("quadlet_write", { ...file, content })),
    );
  return {
    async setImage(from, to) {
      const read = text(helperOutput(`read ${name}.container`, await deps.helper.call("quadlet_read", file)));
      if (!read.ok) return read;
      const changed = setQuadletImage(read.value, from, to);
      if (!changed.ok) return changed;
      const written = await write(changed.value);
      if (!written.ok) return written;
      before = read.value;
      return ok(`${name}.container: Image=${to}`);
    },
    async restoreImage() {
      if (before === null) return err("Nothing to restore");
      const written = await write(before);
      return written.ok ? ok(`${name}.container restored`) : written;
    },
    async recreate(fileChanged) {
      if (fileChanged) {
        const reload = helperOutput("reload systemd", await deps.helper.call("systemd_daemon_reload", {}));
        if (!reload.ok) return text(reload);
      }
      const r = helperOutput(`restart ${unit}`, await deps.helper.call("systemd_restart", { unit }));
      return r.ok
        ? ok(`${unit} restarted${r.value.trim() ? `: ${tailText(r.value.trim(), 200)}` : ""}`)
        : text(r);
    },
  };
}
