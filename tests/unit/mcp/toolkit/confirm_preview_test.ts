import assert from "node:assert/strict";
import fc from "fast-check";
import {
  CONFIRM_MESSAGE_MAX_CHARS,
  confirmMessage,
  confirmRequest,
  isApproval,
} from "../../../../mcp/toolkit/confirm_preview.ts";
import { canElicitForm } from "../../../../mcp/toolkit/tool_call.ts";

Deno.test("confirmMessage() shows the summary and every detail by name, for a person", () => {
  const text = confirmMessage("container_remove", 'Remove container "sonarr" (running)', {
    image: "lscr.io/linuxserver/sonarr",
    volumes: ["/config", "/tv"],
    bytes: 1048576,
  });
  assert.equal(
    text,
    'Remove container "sonarr" (running)\n\nimage: lscr.io/linuxserver/sonarr\nvolumes: ["/config","/tv"]\n' +
      "bytes: 1048576\n\n(container_remove; approve to run it exactly as shown, deny to change nothing)",
  );
});

Deno.test("confirmMessage() stays within its bound whatever the details, and says when it cut", () => {
  fc.assert(
    fc.property(fc.string(), fc.dictionary(fc.string(), fc.jsonValue()), (summary, details) => {
      const text = confirmMessage("t", summary, details);
      assert.ok(text.length <= CONFIRM_MESSAGE_MAX_CHARS, `${text.length}`);
    }),
  );
  const long = confirmMessage(
    "t",
    "s",
    Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}`, "x".repeat(900)])),
  );
  assert.ok(long.length <= CONFIRM_MESSAGE_MAX_CHARS);
  assert.match(long, /cut; the full preview went to the model/);
  assert.match(long, /… \(900 chars\)/);
});

Deno.test("confirmRequest() is a form elicitation with one required approve/deny choice", () => {
  const req = confirmRequest("Delete it?") as unknown as {
    method: string;
    params: {
      mode: string;
      message: string;
      requestedSchema: { required: string[]; properties: Record<string, { oneOf: { const: string }[] }> };
    };
  };
  assert.equal(req.method, "elicitation/create");
  assert.equal(req.params.message, "Delete it?");
  assert.deepEqual(req.params.requestedSchema.required, ["decision"]);
  assert.deepEqual(req.params.requestedSchema.properties.decision!.oneOf.map((o) => o.const), [
    "approve",
    "deny",
  ]);
});

Deno.test("isApproval() is true only for an accepted form that says approve", () => {
  assert.equal(isApproval({ kind: "elicit", action: "accept", content: { decision: "approve" } }), true);
  assert.equal(isApproval({ kind: "elicit", action: "accept", content: { decision: "deny" } }), false);
  assert.equal(isApproval({ kind: "elicit", action: "decline", content: { decision: "approve" } }), false);
  assert.equal(isApproval({ kind: "elicit", action: "accept" }), false);
  assert.equal(isApproval({ kind: "missing" }), false);
  assert.equal(isApproval({ kind: "sampling", action: "accept", content: { decision: "approve" } }), false);
});

Deno.test("canElicitForm() reads form mode from declared client capabilities", () => {
  assert.equal(canElicitForm({ elicitation: {} }), true);
  assert.equal(canElicitForm({ elicitation: { form: {} } }), true);
  assert.equal(canElicitForm({ elicitation: { form: {}, url: {} } }), true);
  assert.equal(canElicitForm({ elicitation: { url: {} } }), false);
  assert.equal(canElicitForm({}), false);
  assert.equal(canElicitForm(undefined), false);
  assert.equal(canElicitForm({ elicitation: null }), false);
});
