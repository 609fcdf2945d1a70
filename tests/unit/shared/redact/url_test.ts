import fc from "fast-check";
import { redactText } from "../../../../shared/redact/mod.ts";
import { assert, assertEquals } from "../../mcp/clients/media/_result_assert.ts";

Deno.test("redactText() masks secret query values, userinfo passwords and qBittorrent session ids in URLs", () => {
  assertEquals(
    redactText("http://h:8080/api?mode=queue&apikey=abc123&output=json"),
    "http://h:8080/api?mode=queue&apikey=[REDACTED]&output=json",
  );
  assertEquals(redactText("http://h/x?X-Plex-Token=tok"), "http://h/x?X-Plex-Token=[REDACTED]");
  assertEquals(redactText("http://user:pw@h/x"), "http://user:[REDACTED]@h/x");
  assertEquals(
    redactText("http://h/x?QBT_SID_8080=s1&sid=s2"),
    "http://h/x?QBT_SID_8080=[REDACTED]&sid=[REDACTED]",
  );
  assertEquals(redactText("http://h/x?page=2"), "http://h/x?page=2");
});

Deno.test("redactText() masks URLs, header values and listed secrets inside free text", () => {
  const text = "GET http://h/api?apikey=k1 failed; X-Api-Key: k2; password=hunter22 ok; Cookie: SID=abc; x=1";
  const out = redactText(text, ["literal-secret"]);
  for (const secret of ["k1", "k2", "SID=abc", "hunter22"]) assert(!out.includes(secret), out);
  assert(out.includes("failed") && out.includes("ok"));
  assertEquals(redactText("key is literal-secret!", ["literal-secret"]), "key is [REDACTED]!");
});

Deno.test("redactText() never lets a secret query value through (property)", () => {
  const name = fc.constantFrom(
    "apikey",
    "APIKEY",
    "X-Plex-Token",
    "password",
    "token",
    "sid",
    "QBT_SID_9090",
  );
  const value = fc.string({ minLength: 6, maxLength: 30 }).filter((s) => /^[A-Za-z0-9]+$/.test(s));
  fc.assert(fc.property(name, value, fc.boolean(), (n, v, first) => {
    const query = first ? `${n}=${v}&page=1` : `page=1&${n}=${v}`;
    const out = redactText(`http://127.0.0.1:8989/api?${query}`);
    return !out.includes(`=${v}`) && out.includes("page=1");
  }));
});

Deno.test("redactText() removes every listed secret wherever it appears (property)", () => {
  const secret = fc.string({ minLength: 8, maxLength: 40 }).filter((s) => /^[\x21-\x7e]+$/.test(s));
  fc.assert(fc.property(secret, fc.string(), fc.string(), (s, before, after) => {
    return !redactText(`${before}${s}${after}`, [s]).includes(s);
  }));
});
