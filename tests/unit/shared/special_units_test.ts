import assert from "node:assert/strict";
import { refusedUnitReason } from "../../../shared/special_units.ts";

Deno.test("refusedUnitReason() refuses the targets that end or halt the user session", () => {
  for (
    const unit of [
      "exit.target",
      "shutdown.target",
      "poweroff.target",
      "halt.target",
      "reboot.target",
      "kexec.target",
      "rescue.target",
      "emergency.target",
      "default.target",
    ]
  ) {
    assert.match(refusedUnitReason(unit) ?? "", /special unit/, unit);
  }
});

Deno.test("refusedUnitReason() refuses systemd's own services and arr-helper's unit", () => {
  assert.match(refusedUnitReason("systemd-exit.service") ?? "", /systemd's own/);
  assert.match(refusedUnitReason("systemd-poweroff.service") ?? "", /systemd's own/);
  assert.match(refusedUnitReason("arr-helper.service") ?? "", /arr-helper itself/);
});

Deno.test("refusedUnitReason() lets media units and user targets through", () => {
  for (
    const unit of ["sonarr.service", "media-network.service", "backup.timer", "media.target", "exit.service"]
  ) {
    assert.equal(refusedUnitReason(unit), null, unit);
  }
});
