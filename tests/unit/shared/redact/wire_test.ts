/** Shapes found by the hostile-input review of what tools return: env argv pairs, bare Bearer, Traefik auth. */
import assert from "node:assert/strict";
import {
  isSecretName,
  redactArgv,
  redactContainerDetails,
  redactMountSource,
  redactText,
} from "../../../../shared/redact/mod.ts";
import type { ContainerDetails } from "../../../../shared/container_details.ts";

Deno.test("redactText() hides the value of -e, --env and --env= pairs whose name looks secret", () => {
  const line =
    "podman run --name web -e API_TOKEN=tok-1 --env DB_PASSWORD=pw-2 --env=SECRET_X=s-3 -e TZ=UTC img";
  assert.equal(
    redactText(line),
    "podman run --name web -e API_TOKEN=[REDACTED] --env DB_PASSWORD=[REDACTED] --env=SECRET_X=[REDACTED] " +
      "-e TZ=UTC img",
  );
});

Deno.test("redactArgv() hides env pairs given as separate words and as --env=KEY=VALUE", () => {
  assert.deepEqual(
    redactArgv(["-e", "API_TOKEN=tok-1", "--env", "PLEX_CLAIM=claim-2", "--env=SECRET=s-3", "-e", "TZ=UTC"]),
    [
      "-e",
      "API_TOKEN=[REDACTED]",
      "--env",
      "PLEX_CLAIM=[REDACTED]",
      "--env=SECRET=[REDACTED]",
      "-e",
      "TZ=UTC",
    ],
  );
});

Deno.test("redactText() hides a bare Bearer token and keeps the word", () => {
  assert.equal(
    redactText("GET /api sent with Bearer eyJhbGciOi.x.y ok"),
    "GET /api sent with Bearer [REDACTED] ok",
  );
  assert.equal(redactText("Authorization: Bearer abc"), "Authorization: Bearer [REDACTED]");
});

Deno.test("isSecretName() takes Traefik basicauth and digestauth label names as secret", () => {
  assert.ok(isSecretName("traefik.http.middlewares.x.basicauth.users"));
  assert.ok(isSecretName("traefik.http.middlewares.x.digestauth.users"));
  assert.ok(!isSecretName("traefik.http.routers.web.rule"));
});

Deno.test("redactMountSource() hides credentials in URL and //user:pass@server sources", () => {
  assert.equal(redactMountSource("//bob:pw-1@nas/media"), "//bob:[REDACTED]@nas/media");
  assert.equal(redactMountSource("smb://bob:pw-2@nas/media"), "smb://bob:[REDACTED]@nas/media");
  assert.equal(redactMountSource("/srv/config,password=pw-3"), "/srv/config,password=[REDACTED]");
  assert.equal(redactMountSource("//nas/media"), "//nas/media");
  assert.equal(redactMountSource("/opt/stacks/sonarr/config"), "/opt/stacks/sonarr/config");
});

Deno.test("redactContainerDetails() redacts labels, command and mounts and keeps the rest", () => {
  const d: ContainerDetails = {
    id: "abc",
    name: "web",
    image: "img",
    imageId: "0f0f0f0f0f0f",
    state: "running",
    running: true,
    startedAt: null,
    finishedAt: null,
    exitCode: null,
    restartCount: 0,
    restartPolicy: null,
    command: ["app", "--api-key=k-1", "--password", "pw-2", "--port", "80"],
    envNames: ["API_KEY"],
    mounts: [{ source: "//bob:pw-3@nas/media", destination: "/media", readOnly: true }],
    ports: [],
    labels: {
      "traefik.http.middlewares.x.basicauth.users": "user:$$apr1$$hash",
      "traefik.http.routers.web.rule": "Host(`web.lan`)",
      "app.config": "url=http://u:pw-4@db/x",
      "io.podman.compose.project": "media",
    },
    healthStatus: null,
  };
  const r = redactContainerDetails(d, ["k-1"]);
  const shown = JSON.stringify(r);
  for (const secret of ["k-1", "pw-2", "pw-3", "pw-4", "apr1"]) assert.ok(!shown.includes(secret), secret);
  assert.deepEqual(r.command, ["app", "--api-key=[REDACTED]", "--password", "[REDACTED]", "--port", "80"]);
  assert.equal(r.labels["traefik.http.routers.web.rule"], "Host(`web.lan`)");
  assert.equal(r.labels["io.podman.compose.project"], "media");
  assert.deepEqual(r.envNames, ["API_KEY"]);
  assert.equal(r.mounts[0]?.destination, "/media");
});
