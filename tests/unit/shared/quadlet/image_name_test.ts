import assert from "node:assert/strict";
import { qualifyImage } from "../../../../shared/quadlet/image_name.ts";

Deno.test("qualifyImage() puts short names on Docker Hub as Docker does", () => {
  const cases: [string, string][] = [
    ["nginx", "docker.io/library/nginx"],
    ["nginx:1.27", "docker.io/library/nginx:1.27"],
    ["qmcgaw/gluetun", "docker.io/qmcgaw/gluetun"],
    ["qmcgaw/gluetun:v3", "docker.io/qmcgaw/gluetun:v3"],
    [
      "redis:6.2-alpine@sha256:70a7a5b641117670beae0d80658430853896b5ef269ccf00d1827427e3263fa3",
      "docker.io/library/redis:6.2-alpine@sha256:70a7a5b641117670beae0d80658430853896b5ef269ccf00d1827427e3263fa3",
    ],
    ["redis@sha256:abc", "docker.io/library/redis@sha256:abc"],
    ["a/b/c:1", "docker.io/a/b/c:1"],
  ];
  for (const [short, full] of cases) assert.equal(qualifyImage(short), full, short);
});

Deno.test("qualifyImage() leaves names with a registry alone", () => {
  for (
    const ref of [
      "docker.io/library/nginx",
      "docker.io/nginx",
      "lscr.io/linuxserver/sonarr:latest",
      "ghcr.io/hotio/qbittorrent",
      "localhost/app:latest",
      "localhost:5000/app",
      "registry:5000/app",
      "Registry/app",
      "",
    ]
  ) assert.equal(qualifyImage(ref), ref, ref);
});
