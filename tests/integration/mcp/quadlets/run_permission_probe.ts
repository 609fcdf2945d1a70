/**
 * Run by generator_test.ts under arr-mcp's own permission flags (deno.json's `start` task): prints what the
 * local generator fallback answers there, as JSON.
 */
import { localGenerator, runGranted } from "../../../../mcp/quadlets/convert/generator.ts";

const generator = Deno.args[0] ?? "";
const verdict = await localGenerator([generator])([
  { fileName: "probe.container", text: "[Container]\nImage=docker.io/library/nginx:1\n" },
]);
console.log(JSON.stringify({ granted: runGranted(generator), verdict }));
