import assert from "node:assert/strict";
import { restoreRedacted, shownText } from "../../../../mcp/fs/restore_redacted.ts";

const FILE = "services:\n  db:\n    environment:\n      - POSTGRES_PASSWORD=hunter2\n      - TZ=UTC\n";

Deno.test("restoreRedacted() puts the real value back on lines kept from the redacted view", () => {
  const shown = shownText(FILE);
  assert.equal(shown.redacted, 1);
  assert.doesNotMatch(shown.text, /hunter2/);
  const edited = shown.text.replace("TZ=UTC", "TZ=Europe/Berlin");
  assert.deepEqual(restoreRedacted(edited, FILE), {
    ok: true,
    value: FILE.replace("TZ=UTC", "TZ=Europe/Berlin"),
  });
});

Deno.test("restoreRedacted() refuses a placeholder that matches no redacted line", () => {
  const r = restoreRedacted("services:\n  app:\n    environment:\n      - API_KEY=[REDACTED]\n", FILE);
  assert.deepEqual(r, {
    ok: false,
    error:
      "Cannot write content: line 4 contains [REDACTED] but does not match a redacted line of the current file; write the real value there",
  });
  assert.equal(restoreRedacted("x: [REDACTED]\n", null).ok, false);
});

Deno.test("restoreRedacted() leaves text without placeholders untouched", () => {
  assert.deepEqual(restoreRedacted("a: 1\n", FILE), { ok: true, value: "a: 1\n" });
});

Deno.test("restoreRedacted() refuses an ambiguous placeholder whose originals differ", () => {
  const two = "x:\n  - PASSWORD=one\ny:\n  - PASSWORD=two\n";
  const shown = shownText(two).text;
  assert.equal(restoreRedacted(shown, two).ok, false);
});

Deno.test("restoreRedacted() also restores lines masked the older ways, *** and [redacted]", () => {
  const file = "env:\n  - DB_PASSWORD=hunter2\n  - API_KEY=k-123\n  - TZ=UTC\n";
  const edited = "env:\n  - DB_PASSWORD=***\n  - API_KEY=[redacted]\n  - TZ=Europe/Berlin\n";
  assert.deepEqual(restoreRedacted(edited, file), {
    ok: true,
    value: file.replace("TZ=UTC", "TZ=Europe/Berlin"),
  });
});

Deno.test("restoreRedacted() keeps an older mask that matches no redacted line as literal text", () => {
  const text = "# *** read the notes ***\nx: 1\n";
  assert.deepEqual(restoreRedacted(text, FILE), { ok: true, value: text });
});
