/**
 * The upgrade tools' world without a registry or a Podman socket: one compose-managed sonarr container on
 * `lscr.io/linuxserver/sonarr:latest`, a registry whose `latest` has moved to a new digest, and an image
 * store where tags point at image ids and the recreated container runs what its reference points to.
 */
import { ok } from "../../../../shared/result.ts";
import type { Clock } from "../../../../mcp/core/clock.ts";
import type { PodmanImages } from "../../../../mcp/upgrades/apply/podman_images.ts";
import { createUpgradeService, type UpgradeService } from "../../../../mcp/upgrades/upgrade_service.ts";

export const SONARR_REF = "lscr.io/linuxserver/sonarr:latest";

export function fakeUpgradeParts(
  stacksDir: string,
  clock: Clock,
  labels: Record<string, string> = { "io.podman.compose.project": "media" },
): { service: UpgradeService; images: PodmanImages } {
  const refs = new Map<string, string>([[SONARR_REF, "old"]]);
  const images: PodmanImages = {
    pull: (reference) => {
      refs.set(reference, "new");
      return Promise.resolve(ok("new"));
    },
    tag: (source, target) => {
      refs.set(target, refs.get(source) ?? source);
      return Promise.resolve(ok(undefined));
    },
    imageId: (reference) => Promise.resolve(ok(refs.get(reference) ?? null)),
    observe: (container) =>
      Promise.resolve(ok({
        id: `${container}-id`,
        imageId: refs.get(SONARR_REF) ?? "",
        state: "running",
        running: true,
        startedAt: new Date(clock.now()).toISOString(),
        health: "healthy",
      })),
  };
  const service = createUpgradeService({
    registry: {
      tags: () => Promise.resolve(ok(["latest"])),
      digest: () => Promise.resolve(ok(`sha256:${"b".repeat(64)}`)),
      clear: () => {},
    },
    readFacts: () =>
      Promise.resolve(ok([{
        container: "sonarr",
        id: "sonarr-id",
        state: "running",
        image: SONARR_REF,
        imageId: refs.get(SONARR_REF) ?? "",
        repoDigests: [`lscr.io/linuxserver/sonarr@sha256:${"a".repeat(64)}`],
        labels,
        imageLabels: {},
      }])),
    clock,
    stacksDir,
  });
  return { service, images };
}
