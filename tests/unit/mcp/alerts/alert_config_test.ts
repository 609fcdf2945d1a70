import assert from "node:assert/strict";
import { parseAlertConfig } from "../../../../mcp/alerts/alert_config.ts";

Deno.test("alert config: defaults, the 5 s minimum, channels and overrides", () => {
  const plain = parseAlertConfig({});
  assert.ok(plain.ok);
  assert.equal(plain.ok && plain.value.intervalSeconds, 300);
  assert.deepEqual(plain.ok && plain.value.channels, []);
  assert.equal(parseAlertConfig({ ARR_ALERT_INTERVAL_S: "4" }).ok, false);
  assert.equal(parseAlertConfig({ ARR_ALERT_INTERVAL_S: "5" }).ok, true);
  assert.equal(parseAlertConfig({ ARR_ALERT_INTERVAL_S: "1.5" }).ok, false);
  const two = parseAlertConfig({
    ARR_NOTIFY_URLS: "ntfy://h:1/t, discord://1/tok",
    ARR_NOTIFY_ENDPOINT_OVERRIDES: "discord=http://127.0.0.1:5",
  });
  assert.deepEqual(two.ok && two.value.channels.map((c) => c.label), ["ntfy://h:1", "discord://127.0.0.1:5"]);
  const unknown = parseAlertConfig({ ARR_NOTIFY_URLS: "slack://a/b/c" });
  assert.match(
    !unknown.ok ? unknown.error : "",
    /Invalid ARR_NOTIFY_URLS: unsupported notification scheme "slack"/,
  );
  assert.equal(parseAlertConfig({ ARR_NOTIFY_ENDPOINT_OVERRIDES: "slack=http://x" }).ok, false);
  assert.equal(parseAlertConfig({ ARR_NOTIFY_QUIET_HOURS: "late" }).ok, false);
});
