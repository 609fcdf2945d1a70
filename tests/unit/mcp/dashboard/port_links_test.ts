import assert from "node:assert/strict";
import fc from "fast-check";
import { isLoopback, portLinks, requestHostname } from "../../../../mcp/dashboard/port_links.ts";

Deno.test("portLinks() links all-interface ports at the page's own host, once per port", () => {
  const links = portLinks(
    ["0.0.0.0:8989->8989/tcp", "[::]:8989->8989/tcp", "8080->80/tcp", "80/tcp"],
    "nas.lan:8790",
  );
  assert.deepEqual(links, [
    { label: "8989", href: "http://nas.lan:8989/", loopbackOnly: false },
    { label: "8080→80", href: "http://nas.lan:8080/", loopbackOnly: false },
  ]);
});

Deno.test("portLinks() links a loopback-bound port only when the page was opened on loopback", () => {
  const ports = ["127.0.0.1:9091->9091/tcp", "::1:8081->80/tcp"];
  assert.deepEqual(portLinks(ports, "nas.lan:8790").map((p) => p.href), [null, null]);
  assert.deepEqual(portLinks(ports, "127.0.0.1:8790").map((p) => p.href), [
    "http://127.0.0.1:9091/",
    "http://[::1]:8081/",
  ]);
  assert.deepEqual(portLinks(ports, "[::1]:8790").map((p) => p.label), ["127.0.0.1:9091", "[::1]:8081→80"]);
});

Deno.test("portLinks() links a specific address to itself and gives UDP no link", () => {
  assert.deepEqual(portLinks(["192.168.1.5:32400->32400/tcp", "0.0.0.0:1900->1900/udp"], "nas.lan"), [
    { label: "192.168.1.5:32400", href: "http://192.168.1.5:32400/", loopbackOnly: false },
    { label: "1900/udp", href: null, loopbackOnly: false },
  ]);
});

Deno.test("portLinks() never links a loopback binding for a viewer on another host (any host, any port)", () => {
  const viewer = fc.oneof(fc.domain(), fc.ipV4().filter((ip) => !ip.startsWith("127.")));
  fc.assert(fc.property(viewer, fc.integer({ min: 1, max: 65535 }), (host, port) => {
    for (const bound of ["127.0.0.1", "127.1.2.3", "::1"]) {
      const links = portLinks([`${bound}:${port}->80/tcp`], `${host}:8790`);
      assert.equal(links.length, 1);
      assert.equal(links[0]?.href, null, `${bound} seen from ${host}`);
    }
  }));
});

Deno.test("requestHostname() and isLoopback() read Host headers", () => {
  assert.equal(requestHostname("[::1]:8790"), "::1");
  assert.equal(requestHostname("Nas.Lan"), "nas.lan");
  assert.equal(requestHostname(undefined), null);
  assert.equal(isLoopback("localhost"), true);
  assert.equal(isLoopback("127.0.0.2"), true);
  assert.equal(isLoopback("10.0.0.1"), false);
  assert.deepEqual(portLinks(["0.0.0.0:1->1/tcp"], undefined)[0]?.href, null);
});
