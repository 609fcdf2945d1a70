/**
 * Converting a 30-service compose file (arr-style services with environment, volumes, ports, healthchecks,
 * dependencies and shared networks). Run: `deno bench --allow-env tests/bench/convert_bench.ts` (npm:yaml
 * reads process.env).
 */
import { stringify } from "yaml";
import { convertCompose } from "../../shared/quadlet/convert.ts";
import { quadletToCompose } from "../../shared/quadlet/reverse.ts";

function composeWith(count: number): string {
  const services: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    services[`svc${i}`] = {
      image: `lscr.io/linuxserver/app${i}:1.${i}.0`,
      container_name: `app${i}`,
      environment: {
        PUID: "${PUID:-1000}",
        PGID: "${PGID:-1000}",
        TZ: "${TZ:-Etc/UTC}",
        WEBUI_PORT: 8000 + i,
      },
      volumes: [`./config/app${i}:/config`, "${MEDIA_ROOT}/downloads:/downloads", `data${i % 5}:/data`],
      ports: [`${8000 + i}:${8000 + i}`, `127.0.0.1:${9000 + i}:9000/udp`],
      networks: ["arr", ...(i % 3 === 0 ? ["vpn"] : [])],
      depends_on: i > 0
        ? { [`svc${i - 1}`]: { condition: i % 4 === 0 ? "service_healthy" : "service_started" } }
        : [],
      healthcheck: {
        test: ["CMD", "curl", "-fsS", `http://localhost:${8000 + i}/ping`],
        interval: "30s",
        retries: 3,
      },
      restart: "unless-stopped",
      command: ["--port", `${8000 + i}`, "--log-level", "info"],
      labels: { "io.containers.autoupdate": "registry", "com.example.index": `${i}` },
      stop_grace_period: "30s",
    };
  }
  return stringify({
    name: "bench",
    services,
    networks: { arr: {}, vpn: { internal: true } },
    volumes: Object.fromEntries([0, 1, 2, 3, 4].map((i) => [`data${i}`, {}])),
  });
}

const compose = composeWith(30);
const input = {
  compose,
  projectDir: "/opt/stacks/bench",
  dotenv: "MEDIA_ROOT=/media-server\nTZ=Europe/Berlin\n",
};
const once = convertCompose(input);
if (!once.ok) throw new Error(JSON.stringify(once.error));

Deno.bench("convertCompose() 30 services (Podman 4.9)", { group: "convert", baseline: true }, () => {
  convertCompose(input);
});

Deno.bench("convertCompose() 30 services (Podman 5.4)", { group: "convert" }, () => {
  convertCompose(input, { podmanVersion: "5.4" });
});

Deno.bench("quadletToCompose() 30 services back", { group: "reverse" }, () => {
  quadletToCompose(once.value.units, { stack: "bench" });
});
