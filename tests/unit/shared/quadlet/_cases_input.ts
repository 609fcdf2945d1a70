/** Tiny compose inputs, one per key family (expected outputs live in _cases.ts). */
export interface CaseInput {
  name: string;
  compose: string;
  env?: Record<string, string>;
  dotenv?: string;
  envFiles?: Record<string, string>;
  podmanVersion?: string;
  stack?: string;
  /** @default PROJECT */
  projectDir?: string;
  /** Other compose files (include, extends.file) by absolute path. */
  files?: Record<string, string>;
}

export const PROJECT = "/srv/app";

export const CASE_INPUTS: CaseInput[] = [
  { name: "image only", compose: "services:\n  web:\n    image: docker.io/library/nginx:1.27\n" },
  {
    name: "short image names are qualified as Docker does, one warning per image",
    compose: `services:
  a:
    image: nginx
    network_mode: none
  b:
    image: nginx
    network_mode: none
  c:
    image: qmcgaw/gluetun:v3
    network_mode: none
  d:
    image: redis:7@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
    network_mode: none
  e:
    image: localhost/app:1
    network_mode: none
  f:
    image: registry.example.com:5000/app
    network_mode: none
`,
  },
  {
    name: "container_name and hostname",
    compose: "services:\n  web:\n    image: nginx\n    container_name: my-web\n    hostname: web.local\n",
  },
  {
    name: "environment as a list",
    compose:
      'services:\n  web:\n    image: nginx\n    environment:\n      - A=1\n      - "B=two words"\n      - C\n      - D=\n',
    env: { C: "from-shell" },
  },
  {
    name: "environment as a mapping with specifiers, dollars and quotes",
    compose:
      'services:\n  web:\n    image: nginx\n    environment:\n      PCT: "100%"\n      DOLLAR: "a$$b"\n      QUOTE: \'say "hi"\'\n      NUM: 42\n      BOOL: true\n      EMPTY: ""\n',
  },
  {
    name: "env_file plain and quoted",
    compose:
      "services:\n  web:\n    image: nginx\n    env_file:\n      - plain.env\n      - path: quoted.env\n        required: true\n      - path: missing.env\n        required: false\n    environment:\n      Q: override\n",
    envFiles: {
      "/srv/app/plain.env": "A=1\nB=2\n",
      "/srv/app/quoted.env": 'Q="quoted value"\nR=keep # comment\n',
    },
  },
  {
    name: "ports in every syntax",
    compose: `services:
  web:
    image: nginx
    ports:
      - "80"
      - "8080:80"
      - 127.0.0.1:8443:443
      - "127.0.0.1::9000"
      - 6881:6881/udp
      - "9000-9002:9000-9002"
      - "[::1]:5353:53/udp"
      - target: 3000
        published: "3001"
        host_ip: 0.0.0.0
        protocol: tcp
      - target: 514
        protocol: udp
`,
  },
  {
    name: "volumes short and long, bind and named",
    compose: `services:
  web:
    image: nginx
    volumes:
      - ./config:/config
      - /media-server/tv:/tv:ro
      - ~/downloads:/downloads:z
      - data:/data:Z
      - /anonymous
      - type: bind
        source: ./html
        target: /usr/share/nginx/html
        read_only: true
      - type: volume
        source: data
        target: /cache
        volume:
          nocopy: true
      - type: tmpfs
        target: /scratch
        tmpfs:
          size: 1000000
volumes:
  data:
`,
  },
  {
    name: "networks list and mapping with aliases and addresses",
    compose: `services:
  web:
    image: nginx
    networks:
      front:
        aliases: [www]
        ipv4_address: 10.5.0.10
      back:
  db:
    image: postgres
    networks: [back]
networks:
  front:
    driver: bridge
    driver_opts:
      com.docker.network.bridge.name: br-front
    ipam:
      config:
        - subnet: 10.5.0.0/24
          gateway: 10.5.0.1
          ip_range: 10.5.0.128/25
    labels:
      tier: front
  back:
    internal: true
    enable_ipv6: true
    name: app_back
`,
  },
  {
    name: "network_mode host and none",
    compose:
      "services:\n  plex:\n    image: plexinc/pms-docker\n    network_mode: host\n  offline:\n    image: busybox\n    network_mode: none\n",
  },
  {
    name: "network_mode service on Podman 4.9 joins the container by name",
    compose:
      "services:\n  vpn:\n    image: qmcgaw/gluetun\n    cap_add: [NET_ADMIN]\n  torrent:\n    image: qbittorrent\n    network_mode: service:vpn\n",
  },
  {
    name: "network_mode service on Podman 5.4 uses the container unit",
    compose:
      "services:\n  vpn:\n    image: qmcgaw/gluetun\n  torrent:\n    image: qbittorrent\n    network_mode: service:vpn\n",
    podmanVersion: "5.4",
  },
  {
    name: "depends_on short and long",
    compose: `services:
  app:
    image: app
    depends_on:
      db:
        condition: service_healthy
      cache:
        condition: service_started
        required: false
  worker:
    image: app
    depends_on: [db]
  db:
    image: postgres
    healthcheck:
      test: pg_isready
  cache:
    image: redis
`,
  },
  {
    name: "restart policies",
    compose:
      'services:\n  a:\n    image: x\n    restart: always\n  b:\n    image: x\n    restart: unless-stopped\n  c:\n    image: x\n    restart: on-failure\n  d:\n    image: x\n    restart: "no"\n',
  },
  {
    name: "healthcheck forms",
    compose: `services:
  cmd:
    image: x
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost:8080/ping?a=1&b=2"]
      interval: 30s
      timeout: 5s
      retries: 3
      start_period: 1m
  shell:
    image: x
    healthcheck:
      test: ["CMD-SHELL", "wget -qO- http://localhost/ || exit 1"]
  string:
    image: x
    healthcheck:
      test: curl -f "http://localhost/"
  off:
    image: x
    healthcheck:
      disable: true
  none:
    image: x
    healthcheck:
      test: ["NONE"]
`,
  },
  {
    name: "capabilities, devices and labels",
    compose: `services:
  vpn:
    image: x
    cap_add: [NET_ADMIN, SYS_MODULE]
    cap_drop: [ALL]
    devices:
      - /dev/net/tun:/dev/net/tun
      - /dev/dri
      - source: /dev/snd
        target: /dev/snd
        permissions: rw
    labels:
      com.example.tier: "back end"
      io.containers.autoupdate: registry
  web:
    image: x
    labels:
      - traefik.enable=true
      - "traefik.http.routers.web.rule=Host(\`example.com\`)"
`,
  },
  {
    name: "command and entrypoint quoting",
    compose: `services:
  list:
    image: x
    command: ["sh", "-c", "echo \\"hi there\\" > /tmp/x; echo 50% $$HOME"]
    entrypoint: ["/bin/tini", "--"]
  string:
    image: x
    command: python -m http.server --bind '0.0.0.0' 8000
    entrypoint: /docker-entrypoint.sh
  empty_entrypoint:
    image: x
    entrypoint: []
    command: "echo 'single quoted' \\"double\\""
`,
    podmanVersion: "5.0",
  },
  {
    name: "runtime options",
    compose: `services:
  app:
    image: x
    user: "1000:1000"
    working_dir: /app
    tmpfs: [/run, "/tmp:size=64m"]
    read_only: true
    security_opt:
      - no-new-privileges:true
      - label=disable
      - seccomp=unconfined
      - apparmor=unconfined
    ulimits:
      nproc: 65535
      nofile:
        soft: 20000
        hard: 40000
    shm_size: 1gb
    stop_grace_period: 1m30s
    stop_signal: SIGINT
    init: true
    extra_hosts:
      - "host.docker.internal:host-gateway"
      - "db=10.0.0.5"
      - "v6=[::1]"
    dns: [1.1.1.1, 9.9.9.9]
    dns_search: example.com
    dns_opt: [ndots:2]
    sysctls:
      net.core.somaxconn: 1024
      net.ipv4.ip_forward: 1
    logging:
      driver: json-file
      options:
        max-size: 10m
        max-file: "3"
    pids_limit: 200
    group_add: [video]
    pull_policy: always
    userns_mode: keep-id
    expose: ["3000", "4000-4001/udp"]
    annotations:
      run.oci.keep_original_groups: "1"
`,
    podmanVersion: "5.4",
  },
  {
    name: "runtime options downgraded for Podman 4.4",
    compose: `services:
  app:
    image: x
    working_dir: /app
    tmpfs: [/run]
    shm_size: 256m
    stop_grace_period: 10s
    extra_hosts: ["db:10.0.0.5"]
    dns: 1.1.1.1
    sysctls: [net.core.somaxconn=1024]
    logging:
      driver: journald
    hostname: app
    healthcheck:
      test: true
      interval: 10s
`,
    podmanVersion: "4.4",
  },
  {
    name: "PodmanArgs passthrough keys",
    compose: `services:
  app:
    image: x
    mem_limit: 512m
    memswap_limit: 1g
    cpus: 1.5
    cpu_shares: 512
    privileged: true
    tty: true
    stdin_open: false
    ipc: host
    pid: host
    platform: linux/arm64
    storage_opt:
      size: 10G
    device_cgroup_rules: ["c 1:3 mr"]
    oom_score_adj: -500
  sidecar:
    image: x
    volumes_from: ["app:ro"]
`,
  },
  {
    name: "unsupported and unknown keys are reported",
    compose: `version: "3.8"
services:
  app:
    image: x
    build: .
    deploy:
      replicas: 2
    links: [db]
    x-custom: 1
    frobnicate: yes
  db:
    build: ./db
x-anchors:
  a: 1
`,
  },
  {
    name: "named volumes with driver options",
    compose: `services:
  app:
    image: x
    volumes: [media:/media, cache:/cache, shared:/shared]
volumes:
  media:
    driver: local
    driver_opts:
      type: nfs
      o: "addr=10.0.0.2,nolock,soft,rw"
      device: ":/export/media"
    labels:
      backup: "true"
  cache:
    name: app_cache
    driver_opts:
      size: 10G
  shared:
    external: true
    name: shared_data
`,
  },
  {
    name: "stack prefix names units and references",
    compose: `services:
  web:
    image: nginx
    depends_on: [db]
    volumes: [html:/usr/share/nginx/html]
    networks: [front]
    restart: always
  db:
    image: postgres
    networks: [front]
networks:
  front:
volumes:
  html:
`,
    stack: "blog",
  },
  {
    name: "implicit default network for two services",
    compose: "services:\n  a:\n    image: x\n  b:\n    image: y\n",
  },
  {
    name: "secrets",
    compose: `services:
  app:
    image: x
    secrets:
      - db_password
      - source: api_key
        target: /run/secrets/api
        mode: 0400
secrets:
  db_password:
    file: ./db_password.txt
  api_key:
    external: true
    name: prod_api_key
`,
  },
  {
    name: "interpolation from .env and shell",
    compose:
      'services:\n  app:\n    image: "${IMAGE:-busybox}:${TAG}"\n    environment:\n      FROM_SHELL: ${SHELL_VAR}\n      DEFAULTED: ${UNSET:-fallback}\n      ALT: ${TAG:+tag-is-set}\n      LITERAL: "$$NOT_A_VAR"\n',
    dotenv: "TAG=1.36\nSHELL_VAR=from-dotenv\n",
    env: { SHELL_VAR: "from-shell" },
  },
  {
    name: "anchors and merge keys",
    compose: `x-base: &base
  image: lscr.io/linuxserver/base
  environment: &env
    PUID: "1000"
    PGID: "1000"
  restart: unless-stopped
services:
  one:
    <<: *base
  two:
    <<: *base
    image: lscr.io/linuxserver/other
    environment:
      <<: *env
      EXTRA: "yes"
`,
  },
  {
    name: "build becomes a .build unit on Podman 5.2+",
    compose: `services:
  app:
    build:
      context: ./app
      dockerfile: Containerfile.prod
      args:
        VERSION: "1.2"
      target: runtime
      labels:
        org.example.role: app
      cache_from: [example/app:cache]
    ports: ["8000:8000"]
  tool:
    image: registry.example.com/tool:2
    build: ./tool
`,
    podmanVersion: "5.4",
  },
  {
    name:
      "volumes and networks get compose's names: <project>_<name> from the folder, name: kept, external untouched",
    compose: `services:
  app:
    image: docker.io/library/x
    volumes: [data:/data, kept:/kept, shared:/shared]
    networks: [front, fixed]
volumes:
  data:
  kept:
    name: my-kept-volume
  shared:
    external: true
networks:
  front:
  fixed:
    name: fixed-net
`,
    projectDir: "/opt/stacks/My Media.Stack",
  },
  {
    name: "COMPOSE_PROJECT_NAME from .env names the project",
    compose:
      "services:\n  app:\n    image: docker.io/library/x\n    volumes: [data:/data]\nvolumes:\n  data:\n",
    dotenv: "COMPOSE_PROJECT_NAME=From_DotEnv\n",
  },
  {
    name: "COMPOSE_PROJECT_NAME from the shell wins over .env",
    compose:
      "services:\n  app:\n    image: docker.io/library/x\n    volumes: [data:/data]\nvolumes:\n  data:\n",
    dotenv: "COMPOSE_PROJECT_NAME=dotenv\n",
    env: { COMPOSE_PROJECT_NAME: "shell" },
  },
  {
    name: "top-level name names the project and prefixes the units",
    compose:
      "name: media\nservices:\n  app:\n    image: docker.io/library/x\n    volumes: [data:/data]\nvolumes:\n  data:\n",
    env: { COMPOSE_PROJECT_NAME: "ignored" },
  },
  {
    name: "per-network options go on each network's line when a container joins two networks",
    compose: `services:
  dns:
    image: docker.io/pihole/pihole
    container_name: pihole
    networks:
      lan:
        ipv4_address: 192.168.1.53
        ipv6_address: fd00::53
        mac_address: 02:42:c0:a8:01:35
        aliases: [pi.hole, dns.lan]
        priority: 100
      back:
        interface_name: eth1
  one:
    image: docker.io/library/x
    networks:
      lan:
        ipv4_address: 192.168.1.10
        mac_address: 02:42:c0:a8:01:0a
        aliases: [one.lan]
networks:
  lan:
    driver: macvlan
    ipam:
      config:
        - subnet: 192.168.1.0/24
  back:
`,
    podmanVersion: "5.4",
  },
  {
    name: "ipam driver default is left out, subnets, ranges and gateways kept",
    compose: `services:
  app:
    image: docker.io/library/x
    networks: [lan, local]
networks:
  lan:
    ipam:
      driver: default
      config:
        - subnet: 172.28.0.0/16
          ip_range: 172.28.5.0/24
          gateway: 172.28.5.254
  local:
    ipam:
      driver: host-local
`,
  },
  {
    name: "a service naming the undeclared default network gets <project>_default",
    compose: `services:
  adguard:
    image: docker.io/adguard/adguardhome
    networks:
      default:
      lan:
        ipv4_address: 192.168.1.2
  host:
    image: docker.io/library/x
    network_mode: host
networks:
  lan:
    driver: macvlan
    ipam:
      config:
        - subnet: 192.168.1.0/24
`,
  },
  {
    name: "a declared default network keeps its name",
    compose: `services:
  app:
    image: docker.io/library/x
networks:
  default:
    name: shared-net
`,
  },
  {
    name:
      "empty command words become a systemd variable that quadlet keeps and systemd makes one empty argument",
    compose: `services:
  relay:
    image: docker.io/modem7/dhcprelay
    network_mode: host
    command: '-id eth0 -iu eth1 -f "" -r 192.168.1.0/24'
  list:
    image: docker.io/library/x
    network_mode: none
    entrypoint: ["/bin/sh", "-c", "printf '[%s]' \\"$$@\\"", "sh"]
    command: ["", "a b", "say \\"hi\\"", "50%", "$$HOME", "C:\\\\temp", "two\\nlines", "\\t", "'", ""]
`,
    podmanVersion: "5.4",
  },
  {
    name: "env_file files that are all plain KEY=VALUE stay EnvironmentFile=, in order",
    compose: `services:
  web:
    image: docker.io/library/x
    network_mode: none
    env_file: [a.env, b.env]
`,
    envFiles: { "/srv/app/a.env": "# settings\nA=1\nURL=http://x/?a=b&c=%20\n", "/srv/app/b.env": "A=2\n" },
  },
  {
    name: "env_file read as compose reads it: quotes, export, comments, variables, $$",
    compose: `services:
  web:
    image: docker.io/library/x
    network_mode: none
    env_file: [first.env, second.env]
    environment:
      KEEP: from-environment
`,
    dotenv: "DOMAIN=example.com\nSECRET=s3cr3t\n",
    env: { TZ: "Europe/Berlin" },
    envFiles: {
      "/srv/app/first.env": [
        "# comment",
        "export URL=https://${DOMAIN}/app # trailing comment",
        "HASH=x#not-a-comment",
        "SINGLE='literal ${DOMAIN} and \\\\n'",
        'DOUBLE="tab\\there \\"q\\" \\$DOMAIN $${DOMAIN}"',
        "MULTI='line one",
        "line two'",
        "SPACED =  padded  ",
        "YAML_STYLE: colon",
        "TZ",
        "SECRET",
        "KEEP=from-file",
        "UNSET_REF=${NOPE}/x",
      ].join("\n"),
      "/srv/app/second.env": "EARLIER=${HASH}-${URL}\nHASH=overridden\n",
    },
  },
  {
    name: "unset variables without a default give one warning per variable, as compose",
    compose: `services:
  web:
    image: docker.io/library/x
    network_mode: none
    labels:
      version: \${TAG}
    environment:
      A: \${TAG}-\${OTHER}
      B: \${WITH_DEFAULT:-d}\${SET_EMPTY}\${ALT:+alt}\${DASH-x}
      C: $$LITERAL
`,
    dotenv: "SET_EMPTY=\nFROM_DOTENV=${IN_DOTENV}\n",
  },
  {
    name: "profiles: only services with an active profile are converted, the others are listed as skipped",
    compose: `services:
  app:
    image: docker.io/library/x
    depends_on:
      db:
        condition: service_started
      debugger:
        condition: service_started
        required: false
  db:
    image: docker.io/library/postgres
    profiles: [prod, staging]
  debugger:
    image: docker.io/library/busybox
    profiles: [debug]
  tools:
    image: docker.io/library/busybox
    profiles: [tools]
`,
    dotenv: "COMPOSE_PROFILES=staging,other\n",
  },
  {
    name: "a service others wait for to complete runs as a one-shot unit that stays active",
    compose: `services:
  app:
    image: docker.io/library/x
    network_mode: none
    restart: unless-stopped
    depends_on:
      migrate:
        condition: service_completed_successfully
      init:
        condition: service_completed_successfully
  migrate:
    image: docker.io/library/x
    network_mode: none
    command: [migrate, up]
  init:
    image: docker.io/library/busybox
    network_mode: none
    restart: always
`,
  },
  {
    name: "deploy resources, GPU reservations, restart_policy and gpus",
    compose: `services:
  limited:
    image: docker.io/library/x
    network_mode: none
    deploy:
      replicas: 1
      resources:
        limits:
          cpus: "1.5"
          memory: 1000M
          pids: 200
        reservations:
          cpus: "1.0"
          memory: 500M
      restart_policy:
        condition: on-failure
        max_attempts: 3
      update_config:
        order: start-first
  ollama:
    image: docker.io/ollama/ollama
    network_mode: none
    restart: always
    deploy:
      restart_policy:
        condition: none
      resources:
        reservations:
          devices:
            - driver: nvidia
              count: all
              capabilities: [gpu]
  whisper:
    image: docker.io/library/x
    network_mode: none
    deploy:
      resources:
        reservations:
          devices:
            - capabilities: [gpu]
              count: 2
            - capabilities: [gpu]
              device_ids: ["GPU-3a23c669"]
            - driver: amd
              capabilities: [gpu]
  short:
    image: docker.io/library/x
    network_mode: none
    gpus: all
`,
    podmanVersion: "5.4",
  },
  {
    name: "configs: a file is bind-mounted read-only, content and environment become Podman secrets",
    compose: `services:
  clickhouse:
    image: docker.io/clickhouse/clickhouse-server
    network_mode: none
    configs:
      - app_conf
      - source: network
        target: /etc/clickhouse-server/config.d/network.xml
        mode: 0440
      - source: token
        target: token.txt
        uid: "101"
      - source: app_conf
        target: /etc/app.conf
        mode: 0400
configs:
  app_conf:
    file: ./app.conf
  network:
    content: |
      <clickhouse><listen_host>0.0.0.0</listen_host></clickhouse>
  token:
    environment: API_TOKEN
`,
  },
  {
    name: "extends in the same file and in another file, merged by the compose rules",
    compose: `services:
  base:
    image: docker.io/library/x
    environment:
      A: base
      B: base
    ports: ["80:80"]
    command: [serve, --base]
    volumes: [/srv/base:/data, /srv/logs:/logs]
  web:
    extends: base
    environment:
      - B=web
      - C=web
    ports: ["443:443"]
    command: [serve, --web]
    volumes: [/srv/web:/data]
  gpu:
    image: docker.io/immich/server
    network_mode: none
    extends:
      file: ../shared/hwaccel.yml
      service: hwaccel
    volumes: [/srv/upload:/upload]
`,
    files: {
      "/srv/shared/hwaccel.yml": `services:
  hwaccel:
    devices: [/dev/dri:/dev/dri]
    env_file: ./hw.env
    volumes: [./cache:/cache]
    labels: [from=hwaccel]
`,
    },
    envFiles: { "/srv/shared/hw.env": "LIBVA_DRIVER_NAME=iHD\n" },
  },
  {
    name:
      "include adds the other file's services and networks, its relative paths kept pointing at its folder",
    compose: `include:
  - ../db/compose.yaml
services:
  app:
    image: docker.io/library/x
    networks: [backend]
    depends_on: [db]
`,
    files: {
      "/srv/db/compose.yaml": `services:
  db:
    image: docker.io/library/postgres
    networks: [backend]
    volumes: [./data:/var/lib/postgresql/data]
networks:
  backend:
`,
    },
  },
  {
    name:
      "options Podman refuses in another container's network, and version-gated host-gateway and bridge options",
    compose: `services:
  vpn:
    image: docker.io/qmcgaw/gluetun
    extra_hosts: ["host.docker.internal:host-gateway", "db:10.0.0.5"]
    networks: [lan]
  app:
    image: docker.io/library/x
    network_mode: service:vpn
    dns: [1.1.1.1]
    dns_search: [lan]
    extra_hosts: ["db:10.0.0.5"]
    mac_address: 02:42:ac:11:00:02
networks:
  lan:
    driver_opts:
      com.docker.network.bridge.name: br-lan
      com.docker.network.driver.mtu: "1400"
`,
    podmanVersion: "4.4",
  },
];
