/**
 * compose ↔ quadlet tools: compose_to_quadlet (convert a stack and stage its units in
 * `<stacks dir>/<stack>/quadlets/`), quadlet_install (install the staged units through arr-helper, confirmed,
 * with a rollback copy of what they replace) and quadlet_to_compose (the reverse). The conversion is
 * shared/quadlet/; this file does the reading, staging and helper calls.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { dirname } from "node:path";
import { z } from "zod";
import { HelperInfo, QuadletListEntry } from "../../shared/helper_protocol.ts";
import { convertCompose } from "../../shared/quadlet/convert.ts";
import { envFilePaths } from "../../shared/quadlet/env_file_paths.ts";
import { installOrder } from "../../shared/quadlet/install_order.ts";
import { quadletToCompose } from "../../shared/quadlet/reverse.ts";
import { type ConvertInput, formatConvertError, type QuadletUnit } from "../../shared/quadlet/types.ts";
import { atLeast, parseVersion } from "../../shared/quadlet/versions.ts";
import { err, ok, type Result } from "../../shared/result.ts";
import { writeFileAtomic } from "../fs/atomic_write.ts";
import { keepStamp } from "../fs/keep_dirs.ts";
import type { HelperClient } from "../helper_client.ts";
import { readCompose, sha256 } from "../stacks/stack_files.ts";
import { checkStackName } from "../stacks/stack_name.ts";
import { shownText } from "../stacks/restore_redacted.ts";
import { defineConfirmedTool } from "./confirm_tool.ts";
import { defineTool } from "./define_tool.ts";
import type { ToolDeps } from "./deps.ts";
import type { RegisterFamily } from "./family.ts";
import { summarizeChange } from "./files_diff.ts";
import { helperOutput } from "./helper_failure.ts";
import type { ToolFailure } from "./tool_result.ts";

const UNIT_FILE = /^[A-Za-z0-9][A-Za-z0-9_.@-]*\.(container|network|volume|build)$/;
const MAX_UNIT_BYTES = 64 * 1024;
const FALLBACK_PODMAN = "4.9";
/** Where the distributions put the generator. */
const GENERATOR_PATHS = ["/usr/libexec/podman/quadlet", "/usr/lib/podman/quadlet"];

export interface UnitText {
  fileName: string;
  text: string;
}

export interface Validation {
  generator: string;
  ok: boolean;
  messages: string[];
}

export interface QuadletConvertOptions {
  /** Runs a quadlet generator over the units; null when none is available. @default a local generator */
  validate?: (units: readonly UnitText[]) => Promise<Validation | null>;
}

/** The family as registered in families.ts; tests build one with their own validator. */
export function quadletConvertFamily(options: QuadletConvertOptions = {}): RegisterFamily {
  const validate = options.validate ?? localGenerator(GENERATOR_PATHS);
  return (server: McpServer, deps: ToolDeps) => registerTools(server, deps, validate);
}

export const registerQuadletConvertTools: RegisterFamily = quadletConvertFamily();

const stackField = z.string().min(1).max(128).describe("Stack name: the folder under the stacks dir");

function registerTools(
  server: McpServer,
  deps: ToolDeps,
  validate: NonNullable<QuadletConvertOptions["validate"]>,
) {
  const { helper } = deps;

  defineTool(server, deps, {
    name: "compose_to_quadlet",
    title: "Convert a compose stack to quadlet units",
    description:
      "Converts <stacks dir>/<stack>/compose.yaml (with the stack's .env and env_files) into Podman " +
      "quadlet units (.container/.network/.volume, .build for Podman 5.2+) named <stack>-<service>, stages them in " +
      "<stacks dir>/<stack>/quadlets/ (replacing earlier staged units) and returns them with a report of " +
      "unsupported keys and warnings, a diff against units already installed, and the quadlet generator's " +
      "verdict when one is available. Nothing is installed: review, then call quadlet_install. " +
      "Variables come only from the stack's .env. Secret values are shown as [REDACTED].",
    input: {
      stack: stackField,
      podman_version: z.string().max(16).optional().describe(
        "Target Podman release (e.g. 4.9, 5.4). Default: the host's Podman via arr-helper, else 4.9",
      ),
      prefix_units: z.boolean().optional().describe("Prefix unit names with the stack name (default true)"),
    },
    output: {
      stack: z.string(),
      staged_dir: z.string().describe("Where the units were staged"),
      podman_version: z.string().describe("The Podman release the units target"),
      units: z.array(z.object({ file: z.string(), content: z.string().describe("Redacted unit text") })),
      unsupported: z.array(z.object({ service: z.string().nullable(), key: z.string(), reason: z.string() })),
      warnings: z.array(z.string()),
      installed_diff: z.array(z.object({
        file: z.string(),
        status: z.enum(["new", "unchanged", "changed"]),
        removed: z.array(z.string()).describe("Changed lines now installed (redacted)"),
        added: z.array(z.string()).describe("Changed lines staged (redacted)"),
      })).nullable().describe("Null when arr-helper is not available to read the installed units"),
      host: z.object({
        podman: z.string().nullable(),
        quadlet: z.string().nullable().describe(
          "The host's quadlet generator version; null when it has none",
        ),
      }).nullable().describe("From arr-helper's info; null when arr-helper is not available"),
      validation: z.object({ generator: z.string(), ok: z.boolean(), messages: z.array(z.string()) })
        .nullable().describe("Null when no quadlet generator is available here"),
    },
    access: "write",
    idempotent: true,
    run: async (
      args: { stack: string; podman_version?: string | undefined; prefix_units?: boolean | undefined },
    ) => {
      const stack = checkStackName(args.stack);
      if (!stack.ok) return err({ kind: "invalid_argument", message: stack.error });
      if (args.podman_version !== undefined && parseVersion(args.podman_version) === undefined) {
        return err({
          kind: "invalid_argument",
          message: `Invalid podman_version "${args.podman_version}": expected e.g. 4.9`,
        });
      }
      const info = await helperInfo(helper);
      const version = args.podman_version ?? hostPodman(info) ?? FALLBACK_PODMAN;
      const converted = await convertStack(
        deps.config.stacksDir,
        args.stack,
        version,
        args.prefix_units ?? true,
      );
      if (!converted.ok) return converted;
      const { dir, units, report } = converted.value;
      const staged = await stageUnits(`${dir}/quadlets`, units);
      if (!staged.ok) return staged;
      const installed = await installedContents(helper, units.map((u) => u.fileName));
      const validation = await validate(units.map((u) => ({ fileName: u.fileName, text: u.text })));
      return ok({
        stack: args.stack,
        staged_dir: `${dir}/quadlets`,
        podman_version: version,
        units: units.map((u) => ({ file: u.fileName, content: shownText(u.text).text })),
        unsupported: report.unsupported,
        warnings: report.warnings,
        installed_diff: installed.ok
          ? units.map((u) => diffEntry(u.fileName, installed.value.get(u.fileName), u.text))
          : null,
        host: info === null ? null : { podman: info.podman, quadlet: info.quadlet },
        validation,
      });
    },
  });

  defineConfirmedTool(server, deps, {
    name: "quadlet_install",
    title: "Install a stack's staged quadlet units",
    description:
      "Installs the units compose_to_quadlet staged for a stack into the service account's quadlet " +
      "dir through arr-helper (each checked by the quadlet generator there), then runs systemd daemon-reload. " +
      "Units it replaces are copied to <stacks dir>/<stack>/quadlets/.rollback/<time>/ first; if a write " +
      "fails, the units already written are put back. Start the services afterwards with systemd_start.",
    input: { stack: stackField },
    output: {
      installed: z.array(z.string()).describe("Unit files written, in install order"),
      created: z.array(z.string()),
      replaced: z.array(z.string()),
      rollback_dir: z.string().nullable().describe(
        "Copies of the replaced units; null when none were replaced",
      ),
      daemon_reload: z.string().describe("Output of systemctl --user daemon-reload"),
    },
    idempotent: false,
    plan: async ({ stack }: { stack: string }) => {
      const staged = await readStaged(deps.config.stacksDir, stack);
      if (!staged.ok) return staged;
      const installed = await installedContents(helper, staged.value.units.map((u) => u.fileName));
      if (!installed.ok) return installed;
      const units = installOrder(staged.value.units).map((u) => {
        const current = installed.value.get(u.fileName);
        return {
          file: u.fileName,
          sha256: sha256(u.text),
          previousSha256: current === undefined ? null : sha256(current),
        };
      });
      const replaced = units.filter((u) => u.previousSha256 !== null).length;
      return ok({
        operation: { stack, dir: staged.value.dir, units },
        summary:
          `Install ${units.length} quadlet unit(s) for stack "${stack}" (${units.length - replaced} new, ` +
          `${replaced} replaced) and reload systemd`,
        details: {
          units: staged.value.units.map((u) =>
            diffEntry(u.fileName, installed.value.get(u.fileName), u.text)
          ),
        },
        needsConfirmation: true,
      });
    },
    execute: (op: InstallOperation) => installStaged(deps, op),
  });

  defineTool(server, deps, {
    name: "quadlet_to_compose",
    title: "Convert quadlet units back to compose",
    description:
      "Rebuilds compose YAML from quadlet units, for the keys that map both ways (unsupported ones " +
      "are listed as warnings). Reads the installed units named in `files`, or all installed units of a stack " +
      "(<stack>-*.container/.network/.volume/.build), or with staged=true the stack's staged units. Secret values are " +
      "shown as [REDACTED].",
    input: {
      stack: stackField.optional().describe("Stack whose units to read; its name prefix is removed again"),
      files: z.array(z.string().max(220)).max(200).optional().describe(
        "Installed unit files, e.g. sonarr.container",
      ),
      staged: z.boolean().optional().describe("Read the stack's staged units instead of installed ones"),
    },
    output: {
      compose_yaml: z.string().describe("The compose document (redacted)"),
      units: z.array(z.string()).describe("The unit files read"),
      warnings: z.array(z.string()),
    },
    access: "read",
    idempotent: true,
    run: async (
      args: { stack?: string | undefined; files?: string[] | undefined; staged?: boolean | undefined },
    ) => {
      const units = await unitsForReverse(deps, args);
      if (!units.ok) return units;
      const prefix = args.stack?.toLowerCase();
      const back = quadletToCompose(units.value, prefix ? { stack: prefix } : {});
      if (!back.ok) return err({ kind: "invalid_argument", message: back.error.message });
      return ok({
        compose_yaml: shownText(back.value.yaml).text,
        units: units.value.map((u) => u.fileName),
        warnings: back.value.warnings,
      });
    },
  });
}

interface InstallOperation {
  stack: string;
  dir: string;
  units: { file: string; sha256: string; previousSha256: string | null }[];
}

interface Converted {
  dir: string;
  units: QuadletUnit[];
  report: { unsupported: { service: string | null; key: string; reason: string }[]; warnings: string[] };
}

async function convertStack(
  stacksDir: string,
  stack: string,
  podmanVersion: string,
  prefix: boolean,
): Promise<Result<Converted, ToolFailure>> {
  const compose = await readCompose(stacksDir, stack);
  if (!compose.ok) return err({ kind: "invalid_argument", message: compose.error });
  if (compose.value.content === null) {
    return err({
      kind: "not_found",
      message: `Stack "${stack}" has no compose file (${compose.value.path})`,
    });
  }
  const dir = dirname(compose.value.path);
  const root = await Deno.realPath(stacksDir);
  const input: ConvertInput = {
    compose: compose.value.content,
    composeFile: compose.value.path,
    projectDir: dir,
    env: {},
  };
  const dotenv = await readInside(root, `${dir}/.env`);
  if (dotenv !== undefined) input.dotenv = dotenv;
  const envFiles: Record<string, string> = {};
  for (const path of envFilePaths(input)) {
    const text = await readInside(root, path);
    if (text !== undefined) envFiles[path] = text;
  }
  input.envFiles = envFiles;
  const result = convertCompose(
    input,
    prefix ? { podmanVersion, stack: stack.toLowerCase() } : { podmanVersion },
  );
  if (!result.ok) return err({ kind: "invalid_compose", message: formatConvertError(result.error) });
  return ok({ dir, units: result.value.units, report: result.value.report });
}

/** Reads a file only when its real path is inside `root` (env_file paths come from the compose author). */
async function readInside(root: string, path: string): Promise<string | undefined> {
  try {
    const real = await Deno.realPath(path);
    if (!real.startsWith(`${root}/`)) return undefined;
    const st = await Deno.stat(real);
    if (!st.isFile || st.size > MAX_UNIT_BYTES * 4) return undefined;
    return await Deno.readTextFile(real);
  } catch {
    return undefined;
  }
}

/**
 * Writes the units into the staging folder (0600: they may hold values from .env) and removes staged units
 * from an earlier run that are gone now.
 */
async function stageUnits(dir: string, units: readonly QuadletUnit[]): Promise<Result<true, ToolFailure>> {
  try {
    await Deno.mkdir(dir, { recursive: true });
    const st = await Deno.lstat(dir);
    if (!st.isDirectory || st.isSymlink) {
      return err({ kind: "invalid_argument", message: `${dir} is not a folder` });
    }
    const keep = new Set(units.map((u) => u.fileName));
    for (const u of units) {
      await writeFileAtomic(`${dir}/${u.fileName}`, new TextEncoder().encode(u.text), { mode: 0o600 });
    }
    for await (const e of Deno.readDir(dir)) {
      if (e.isFile && UNIT_FILE.test(e.name) && !keep.has(e.name)) await Deno.remove(`${dir}/${e.name}`);
    }
    return ok(true);
  } catch (e) {
    return err({ kind: "io", message: `Cannot stage units in ${dir}: ${(e as Error).message}` });
  }
}

async function readStaged(
  stacksDir: string,
  stack: string,
): Promise<Result<{ dir: string; units: UnitText[] }, ToolFailure>> {
  const name = checkStackName(stack);
  if (!name.ok) return err({ kind: "invalid_argument", message: name.error });
  let dir: string;
  try {
    const root = await Deno.realPath(stacksDir);
    dir = await Deno.realPath(`${root}/${stack}/quadlets`);
    if (!dir.startsWith(`${root}/`)) {
      return err({ kind: "invalid_argument", message: `${dir} is outside the stacks dir` });
    }
  } catch {
    return err({
      kind: "not_found",
      message: `Stack "${stack}" has no staged units: run compose_to_quadlet first`,
    });
  }
  const units: UnitText[] = [];
  for await (const e of Deno.readDir(dir)) {
    if (!e.isFile || !UNIT_FILE.test(e.name)) continue;
    const st = await Deno.stat(`${dir}/${e.name}`);
    if (st.size > MAX_UNIT_BYTES) return err({ kind: "invalid_argument", message: `${e.name} is too large` });
    units.push({ fileName: e.name, text: await Deno.readTextFile(`${dir}/${e.name}`) });
  }
  if (units.length === 0) {
    return err({
      kind: "not_found",
      message: `Stack "${stack}" has no staged units: run compose_to_quadlet first`,
    });
  }
  return ok({ dir, units: units.sort((a, b) => (a.fileName < b.fileName ? -1 : 1)) });
}

async function helperInfo(helper: HelperClient): Promise<HelperInfo | null> {
  const out = helperOutput("read helper info", await helper.call("info", {}));
  if (!out.ok) return null;
  try {
    const parsed = HelperInfo.safeParse(JSON.parse(out.value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function hostPodman(info: HelperInfo | null): string | undefined {
  const v = /^\d+\.\d+/.exec(info?.podman ?? "")?.[0];
  return v !== undefined && parseVersion(v) && atLeast(v, "4.4") ? v : undefined;
}

/** Installed contents of those of `files` that exist (through arr-helper). */
async function installedContents(
  helper: HelperClient,
  files: readonly string[],
): Promise<Result<Map<string, string>, ToolFailure>> {
  const list = helperOutput("list quadlets", await helper.call("quadlet_list", {}));
  if (!list.ok) return list;
  let entries: QuadletListEntry[];
  try {
    const parsed = z.array(QuadletListEntry).safeParse(JSON.parse(list.value));
    if (!parsed.success) throw new Error("shape");
    entries = parsed.data;
  } catch {
    return err({ kind: "helper_decode", message: "arr-helper answered quadlet_list in an unexpected shape" });
  }
  const present = new Set(entries.map((e) => `${e.name}.${e.type}`));
  const out = new Map<string, string>();
  for (const file of files) {
    if (!present.has(file)) continue;
    const dot = file.lastIndexOf(".");
    const r = helperOutput(
      `read ${file}`,
      await helper.call("quadlet_read", { name: file.slice(0, dot), type: file.slice(dot + 1) }),
    );
    if (!r.ok) return r;
    out.set(file, r.value);
  }
  return ok(out);
}

function diffEntry(file: string, installed: string | undefined, staged: string) {
  if (installed === undefined) return { file, status: "new" as const, removed: [], added: [] };
  if (installed === staged) return { file, status: "unchanged" as const, removed: [], added: [] };
  const change = summarizeChange(shownText(installed).text, shownText(staged).text);
  return { file, status: "changed" as const, removed: change.removed, added: change.added };
}

async function installStaged(deps: ToolDeps, op: InstallOperation) {
  const { helper } = deps;
  const staged = await readStaged(deps.config.stacksDir, op.stack);
  if (!staged.ok) return staged;
  const byFile = new Map(staged.value.units.map((u) => [u.fileName, u.text]));
  const current = await installedContents(helper, op.units.map((u) => u.file));
  if (!current.ok) return current;
  for (const u of op.units) {
    const text = byFile.get(u.file);
    const now = current.value.get(u.file);
    if (
      text === undefined || sha256(text) !== u.sha256 ||
      (now === undefined ? null : sha256(now)) !== u.previousSha256
    ) {
      return err({
        kind: "conflict",
        message: `Cannot install: ${u.file} changed since the preview; ask for a new preview`,
      });
    }
  }
  const replaced = op.units.filter((u) => u.previousSha256 !== null).map((u) => u.file);
  let rollbackDir: string | null = null;
  if (replaced.length > 0) {
    rollbackDir = `${op.dir}/.rollback/${keepStamp(deps.clock.now())}`;
    try {
      await Deno.mkdir(rollbackDir, { recursive: true });
      for (const file of replaced) {
        await writeFileAtomic(
          `${rollbackDir}/${file}`,
          new TextEncoder().encode(current.value.get(file) ?? ""),
          { mode: 0o600 },
        );
      }
    } catch (e) {
      return err({
        kind: "io",
        message: `Cannot keep a rollback copy in ${rollbackDir}: ${(e as Error).message}`,
      });
    }
  }
  const written: string[] = [];
  for (const u of op.units) {
    const dot = u.file.lastIndexOf(".");
    const r = helperOutput(
      `write ${u.file}`,
      await helper.call("quadlet_write", {
        name: u.file.slice(0, dot),
        type: u.file.slice(dot + 1),
        content: byFile.get(u.file),
      }),
    );
    if (!r.ok) {
      const undo = await undoWrites(helper, written, current.value);
      return err({
        kind: r.error.kind,
        message: `${r.error.message}\n${
          written.length ? `Put back ${written.join(", ")}: ${undo}` : "Nothing was changed."
        }`,
      });
    }
    written.push(u.file);
  }
  const reload = helperOutput("reload systemd", await helper.call("systemd_daemon_reload", {}));
  if (!reload.ok) {
    return err({ kind: reload.error.kind, message: `Units installed, but ${reload.error.message}` });
  }
  return ok({
    installed: written,
    created: op.units.filter((u) => u.previousSha256 === null).map((u) => u.file),
    replaced,
    rollback_dir: rollbackDir,
    daemon_reload: reload.value,
  });
}

/** Restores replaced units and deletes new ones, newest first; says how that went. */
async function undoWrites(
  helper: HelperClient,
  written: readonly string[],
  previous: Map<string, string>,
): Promise<string> {
  const failures: string[] = [];
  for (const file of [...written].reverse()) {
    const dot = file.lastIndexOf(".");
    const ref = { name: file.slice(0, dot), type: file.slice(dot + 1) };
    const old = previous.get(file);
    const r = old === undefined
      ? await helper.call("quadlet_delete", ref)
      : await helper.call("quadlet_write", { ...ref, content: old });
    if (!r.ok || !r.value.ok) failures.push(file);
  }
  return failures.length === 0
    ? "done"
    : `failed for ${failures.join(", ")} (copies are in the rollback folder)`;
}

async function unitsForReverse(
  deps: ToolDeps,
  args: { stack?: string | undefined; files?: string[] | undefined; staged?: boolean | undefined },
): Promise<Result<UnitText[], ToolFailure>> {
  if (args.staged) {
    if (!args.stack) return err({ kind: "invalid_argument", message: "staged=true needs a stack" });
    const staged = await readStaged(deps.config.stacksDir, args.stack);
    return staged.ok ? ok(staged.value.units) : staged;
  }
  let files = args.files;
  if (!files) {
    if (!args.stack) return err({ kind: "invalid_argument", message: "Give files or a stack" });
    const list = helperOutput("list quadlets", await deps.helper.call("quadlet_list", {}));
    if (!list.ok) return list;
    const prefix = `${args.stack.toLowerCase()}-`;
    const parsed = z.array(QuadletListEntry).safeParse(JSON.parse(list.value));
    if (!parsed.success) {
      return err({
        kind: "helper_decode",
        message: "arr-helper answered quadlet_list in an unexpected shape",
      });
    }
    files = parsed.data.map((e) => `${e.name}.${e.type}`).filter((f) =>
      f.startsWith(prefix) && UNIT_FILE.test(f)
    );
  }
  for (const f of files) {
    if (!UNIT_FILE.test(f)) {
      return err({
        kind: "invalid_argument",
        message: `Invalid unit file "${f}": expected NAME.container, .network, .volume or .build`,
      });
    }
  }
  const contents = await installedContents(deps.helper, files);
  if (!contents.ok) return contents;
  const missing = files.filter((f) => !contents.value.has(f));
  if (missing.length) {
    return err({ kind: "not_found", message: `No installed quadlet ${missing.join(", ")}` });
  }
  if (files.length === 0) {
    return err({ kind: "not_found", message: `No installed quadlet units for stack "${args.stack}"` });
  }
  return ok(files.map((f) => ({ fileName: f, text: contents.value.get(f) ?? "" })));
}

/** Runs the first generator found at `paths` over a scratch folder of the units. */
export function localGenerator(paths: readonly string[]) {
  return async (units: readonly UnitText[]): Promise<Validation | null> => {
    let generator: string | undefined;
    for (const p of paths) {
      if (await Deno.stat(p).then((s) => s.isFile).catch(() => false)) {
        generator = p;
        break;
      }
    }
    if (generator === undefined) return null;
    const dir = await Deno.makeTempDir({ prefix: "arr-quadlet-check-" });
    try {
      for (const u of units) await Deno.writeTextFile(`${dir}/${u.fileName}`, u.text, { mode: 0o600 });
      const out = await new Deno.Command(generator, {
        args: ["-dryrun", "-user"],
        env: { QUADLET_UNIT_DIRS: dir },
        stdout: "null",
        stderr: "piped",
      }).output();
      const messages = new TextDecoder().decode(out.stderr).split("\n")
        .map((l) => l.replace(/^quadlet-generator\[\d+\]: /, "").replaceAll(`${dir}/`, "").trim())
        .filter((l) => l !== "" && !l.startsWith("Loading source unit file"));
      return { generator, ok: out.code === 0, messages };
    } finally {
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    }
  };
}
