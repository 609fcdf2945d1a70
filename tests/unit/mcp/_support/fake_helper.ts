/**
 * An in-memory arr-helper for unit tests of the stack, systemd and quadlet tools: quadlet files live in a map,
 * stack ops answer podman-compose-like text with the `--- status ---` trailer, systemd units are "active".
 * The real arr-helper is exercised in tests/integration/helper.
 */
import { ok } from "../../../../shared/result.ts";
import {
  type HelperOp,
  type QuadletListEntry,
  STACK_STATUS_MARKER,
} from "../../../../shared/helper_protocol.ts";
import type { HelperClient } from "../../../../mcp/clients/helper/helper_client.ts";

export interface FakeHelper extends HelperClient {
  /** Installed quadlet files by `name.type`. */
  quadlets: Map<string, string>;
  calls: Array<{ op: HelperOp; args: Record<string, unknown> }>;
}

export function fakeHelper(quadlets: Record<string, string> = {}): FakeHelper {
  const files = new Map(Object.entries(quadlets));
  const calls: FakeHelper["calls"] = [];
  const done = (output: string) => Promise.resolve(ok({ ok: true, output, exit_code: 0 }));
  const fileOf = (args: Record<string, unknown>) => `${args.name}.${args.type}`;
  return {
    socket: "/fake/arr-helper.sock",
    quadlets: files,
    calls,
    call(op, args) {
      calls.push({ op, args });
      switch (op) {
        case "stack_up":
        case "stack_down":
        case "stack_pull":
        case "stack_restart":
        case "stack_service_recreate": {
          const status = { stack: args.stack, containers: [], missing_services: [] };
          return done(`${op} done\n${STACK_STATUS_MARKER}\n${JSON.stringify(status)}`);
        }
        case "compose_validate":
          return done("services:\n  sonarr: {}\n");
        case "systemd_status":
          return done(`● ${args.unit}\n     Active: active (running) since Sun 2026-11-22 03:00:00 UTC\n`);
        case "quadlet_list": {
          const entries: QuadletListEntry[] = [...files.keys()].sort().map((file) => {
            const dot = file.lastIndexOf(".");
            return {
              name: file.slice(0, dot),
              type: file.slice(dot + 1) as QuadletListEntry["type"],
              file,
              size: files.get(file)?.length ?? 0,
              modified: null,
            };
          });
          return done(JSON.stringify(entries.filter((e) => !args.type || e.type === args.type)));
        }
        case "quadlet_read":
          return done(files.get(fileOf(args)) ?? "");
        case "quadlet_write":
          files.set(fileOf(args), String(args.content));
          return done("");
        case "quadlet_delete":
          files.delete(fileOf(args));
          return done("");
        case "quadlet_validate":
          return done("");
        case "info":
          return done(JSON.stringify({
            helper_version: "0.1.0",
            podman: "5.4.2",
            podman_compose: "1.3.0",
            quadlet: "5.4.2",
            stacks_dir: "/opt/stacks",
            quadlet_dir: "/home/media/.config/containers/systemd",
          }));
        default:
          return done("");
      }
    },
  };
}
