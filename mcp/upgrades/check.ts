/**
 * The upgrade check: for each container from a registry, the candidate of its tag's family (or, for a floating
 * or unchanged tag, the same tag at a new digest), its kind and risk, and who manages it. Asks the injected
 * registry client; containers it cannot check are listed under `errors` with the reason. Notes come from the
 * image's GitHub releases and, for a configured *arr app, from the app's own update list (upgrade_notes.ts).
 */
import type { RegistryClient } from "./registry/registry_client.ts";
import { type ImageRef, parseImageRef } from "./image_ref.ts";
import type { ContainerImageFacts } from "./image_facts.ts";
import { managerOf } from "./manager.ts";
import { parseTag, pickCandidate, type UpgradeKind } from "./tag_candidate.ts";
import type { Risk } from "./risk.ts";
import type { AppNotesReader } from "./arr_notes_reader.ts";
import { type UpgradeNotes, upgradeNotes } from "./upgrade_notes.ts";
import { mapLimit } from "../clients/runtime/store/map_limit.ts";

export interface ImageVersion {
  tag: string;
  digest: string | null;
  version?: string;
}

export interface Upgrade {
  container: string;
  image: string;
  current: ImageVersion;
  candidate: ImageVersion;
  kind: UpgradeKind;
  risk: Risk;
  notes: UpgradeNotes;
  managed_by: "quadlet" | "compose" | "none";
  unit?: string;
  stack?: string;
}

export interface CheckError {
  container: string;
  image: string;
  message: string;
}

export interface CheckReport {
  upgrades: Upgrade[];
  errors: CheckError[];
}

/** Release notes of a source repository for a version, if a notes reader is given (GitHub releases). */
export type NotesReader = (source: string, tag: string) => Promise<{ url: string; body: string } | null>;

/** Containers checked at once (registries are asked per container; the client caches per repository). */
const CHECK_CONCURRENCY = 4;
const SOURCE_LABEL = "org.opencontainers.image.source";
const VERSION_LABEL = "org.opencontainers.image.version";

/**
 * The digests this image has for `ref`'s registry and repository, in Podman's order; empty when built locally.
 * Podman lists every digest the image ever had under every name it has (names × digests), so one image pushed
 * or pulled as several manifests has several here.
 */
export function localDigests(ref: ImageRef, repoDigests: readonly string[]): string[] {
  const found: string[] = [];
  for (const entry of repoDigests) {
    const parsed = parseImageRef(entry);
    if (parsed === null || parsed.digest === null || !sameRepository(parsed, ref)) continue;
    if (!found.includes(parsed.digest)) found.push(parsed.digest);
  }
  return found;
}

function sameRepository(a: ImageRef, b: ImageRef): boolean {
  const host = (r: ImageRef) => (r.registry === "index.docker.io" ? "docker.io" : r.registry);
  return host(a) === host(b) && a.repository === b.repository;
}

function versionOf(tag: string): string | undefined {
  const parsed = parseTag(tag);
  return parsed === null ? undefined : parsed.release.join(".");
}

export async function checkUpgrades(
  facts: readonly ContainerImageFacts[],
  registry: RegistryClient,
  notes?: NotesReader,
  appNotes?: AppNotesReader,
): Promise<CheckReport> {
  const outcomes = await mapLimit(facts, CHECK_CONCURRENCY, (f) => checkOne(f, registry, notes, appNotes));
  return {
    upgrades: outcomes.flatMap((o) => (o !== null && "upgrade" in o ? [o.upgrade] : [])),
    errors: outcomes.flatMap((o) => (o !== null && "error" in o ? [o.error] : [])),
  };
}

type Outcome = { upgrade: Upgrade } | { error: CheckError } | null;

async function checkOne(
  f: ContainerImageFacts,
  registry: RegistryClient,
  notes?: NotesReader,
  appNotes?: AppNotesReader,
): Promise<Outcome> {
  const ref = parseImageRef(f.image);
  const fail = (message: string): Outcome => ({
    error: { container: f.container, image: f.image, message },
  });
  if (ref === null) {
    return fail(`Cannot parse the image reference "${f.image}"`);
  }
  if (ref.registry === "localhost") return null; // built here: no registry to ask
  const locals = localDigests(ref, f.repoDigests);
  const current: ImageVersion = { tag: ref.tag, digest: ref.digest ?? locals[0] ?? null };
  if (ref.digest === null && locals.length > 1) {
    // Several digests: the one the registry still serves for this tag is the one that tells (cached answer).
    const served = await registry.digest(ref, ref.tag);
    if (served.ok && locals.includes(served.value)) current.digest = served.value;
  }
  const labelled = f.imageLabels[VERSION_LABEL];
  const currentVersion = labelled ?? versionOf(ref.tag);
  if (currentVersion !== undefined) current.version = currentVersion;

  let candidate: ImageVersion;
  let kind: UpgradeKind;
  const picked = parseTag(ref.tag) === null ? null : await registry.tags(ref);
  if (picked !== null && !picked.ok) {
    return fail(picked.error.message);
  }
  const next = picked === null ? null : pickCandidate(ref.tag, picked.value);
  if (next !== null) {
    const digest = await registry.digest(ref, next.tag);
    if (!digest.ok) {
      return fail(digest.error.message);
    }
    candidate = { tag: next.tag, digest: digest.value };
    const v = versionOf(next.tag);
    if (v !== undefined) candidate.version = v;
    kind = next.kind;
  } else {
    if (ref.digest !== null || current.digest === null) return null; // pinned, or nothing to compare with
    const digest = await registry.digest(ref, ref.tag);
    if (!digest.ok) {
      return fail(digest.error.message);
    }
    if (locals.includes(digest.value)) return null;
    candidate = { tag: ref.tag, digest: digest.value };
    kind = "digest";
  }

  const source = f.imageLabels[SOURCE_LABEL] ?? "";
  const [release, app] = await Promise.all([
    notes && source !== "" ? notes(source, candidate.tag) : null,
    appNotes ? appNotes(f.image, candidate.version) : null,
  ]);
  if (app !== null && current.version === undefined) current.version = app.installed;
  const verdict = upgradeNotes(kind, { source, release }, app);
  const manager = managerOf(f.labels);
  return {
    upgrade: {
      container: f.container,
      image: f.image,
      current,
      candidate,
      kind,
      risk: verdict.risk,
      notes: verdict.notes,
      managed_by: manager.managedBy,
      ...(manager.managedBy === "quadlet" ? { unit: manager.unit } : {}),
      ...(manager.managedBy === "compose" ? { stack: manager.stack } : {}),
    },
  };
}
