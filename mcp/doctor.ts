/**
 * `deno task doctor`: checks this host for arr-mcp and prints what works and what to do. Reads the same
 * environment (and ./.env) as the server, asks the runtime socket, arr-helper and loginctl, and exits 1 when a
 * check failed. Permissions are stated in deno.json's "doctor" task (its programs: loginctl and stat).
 */
import { createHelperClient } from "./clients/helper/helper_client.ts";
import { createDetectingRuntime } from "./clients/runtime/detecting_runtime.ts";
import { findRuntimeSocket, runtimeSocketCandidates } from "./clients/runtime/detect.ts";
import { socketExists, unixSocketFetch } from "./clients/unix/unix_fetch.ts";
import { parseConfig } from "./core/config.ts";
import { mergeEnv, parseEnvFile } from "./core/env_file.ts";
import { collectFacts, userName } from "./doctor/collect.ts";
import { doctorReport, exitCodeOf, renderReport } from "./doctor/report.ts";

async function dotEnv(): Promise<Record<string, string>> {
  const text = await Deno.readTextFile(".env").catch(() => "");
  const parsed = parseEnvFile(text);
  return parsed.ok ? parsed.value : {};
}

const env = mergeEnv(await dotEnv(), Deno.env.toObject());
const uid = Deno.uid() ?? 0;
const config = parseConfig(env, { uid, home: env.HOME ?? "/root" });
if (!config.ok) {
  console.log(`[fail] configuration: ${config.error}`);
  Deno.exit(1);
}
const socket = config.value.runtimeSocket ??
  await findRuntimeSocket(runtimeSocketCandidates(env, uid), socketExists);
const decoder = new TextDecoder();
const facts = await collectFacts({
  user: env.USER ?? env.LOGNAME ?? userName(await Deno.readTextFile("/etc/passwd").catch(() => ""), uid),
  uid,
  runtime: socket ? createDetectingRuntime({ socket, fetch: unixSocketFetch(socket).fetch }) : null,
  helper: createHelperClient({
    socket: config.value.helperSocket,
    fetch: unixSocketFetch(config.value.helperSocket).fetch,
    socketExists,
  }),
  dataDir: config.value.dataDir,
  mode: async (path) => (await Deno.stat(path)).mode ?? 0,
  run: async (cmd, args) => {
    const out = await new Deno.Command(cmd, { args, stdin: "null", stdout: "piped", stderr: "piped" })
      .output();
    return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
  },
});
const checks = doctorReport(facts);
await Deno.stdout.write(new TextEncoder().encode(renderReport(checks)));
Deno.exit(exitCodeOf(checks));
