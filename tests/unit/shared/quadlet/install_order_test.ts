import assert from "node:assert/strict";
import { installOrder } from "../../../../shared/quadlet/install_order.ts";

Deno.test("installOrder() puts networks and volumes first and a joined or required container before its user", () => {
  const units = [
    { fileName: "a-torrent.container", text: "[Container]\nImage=x\nNetwork=z-vpn.container\n" },
    { fileName: "m.volume", text: "[Volume]\n" },
    { fileName: "z-vpn.container", text: "[Container]\nImage=x\nNetwork=n.network\n" },
    { fileName: "n.network", text: "[Network]\n" },
    { fileName: "b.container", text: "[Container]\nImage=x\n" },
    { fileName: "a-app.container", text: "[Unit]\nRequires=b.service\n[Container]\nImage=x\n" },
  ];
  assert.deepEqual(installOrder(units).map((u) => u.fileName), [
    "n.network",
    "m.volume",
    "b.container",
    "a-app.container",
    "z-vpn.container",
    "a-torrent.container",
  ]);
});

Deno.test("installOrder() terminates on a reference cycle", () => {
  const units = [
    { fileName: "a.container", text: "[Container]\nNetwork=b.container\n" },
    { fileName: "b.container", text: "[Container]\nNetwork=a.container\n" },
  ];
  assert.equal(installOrder(units).length, 2);
});
