/** Expected converter output for each case in _cases_input.ts (exact text, reviewed by hand). */

export interface CaseExpected {
  units: Record<string, string>;
  unsupported: { service: string | null; key: string; reason: string }[];
  warnings: string[];
  /** Services left out for their profiles (report.skipped); none when absent. */
  skipped?: { service: string; reason: string }[];
}

export const CASE_EXPECTED: Record<string, CaseExpected> = {
  "image only": {
    units: {
      "web.container": `[Container]
Image=docker.io/library/nginx:1.27
ContainerName=web
Network=default.network

[Service]
TimeoutStartSec=900
`,
      "default.network": `[Network]
NetworkName=app_default
`,
    },
    unsupported: [],
    warnings: [],
  },
  "short image names are qualified as Docker does, one warning per image": {
    units: {
      "a.container": `[Container]
Image=docker.io/library/nginx
ContainerName=a
Network=none

[Service]
TimeoutStartSec=900
`,
      "b.container": `[Container]
Image=docker.io/library/nginx
ContainerName=b
Network=none

[Service]
TimeoutStartSec=900
`,
      "c.container": `[Container]
Image=docker.io/qmcgaw/gluetun:v3
ContainerName=c
Network=none

[Service]
TimeoutStartSec=900
`,
      "d.container": `[Container]
Image=docker.io/library/redis:7@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
ContainerName=d
Network=none

[Service]
TimeoutStartSec=900
`,
      "e.container": `[Container]
Image=localhost/app:1
ContainerName=e
Network=none
`,
      "f.container": `[Container]
Image=registry.example.com:5000/app
ContainerName=f
Network=none

[Service]
TimeoutStartSec=900
`,
    },
    unsupported: [],
    warnings: [
      'image "nginx" written as "docker.io/library/nginx" (Docker Hub, as Docker resolves short names)',
      'image "qmcgaw/gluetun:v3" written as "docker.io/qmcgaw/gluetun:v3" (Docker Hub, as Docker resolves short names)',
      'image "redis:7@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" written as "docker.io/library/redis:7@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" (Docker Hub, as Docker resolves short names)',
    ],
  },
  "container_name and hostname": {
    units: {
      "web.container": `[Container]
Image=docker.io/library/nginx
ContainerName=my-web
HostName=web.local
Network=default.network
PodmanArgs=--network-alias web

[Service]
TimeoutStartSec=900
`,
      "default.network": `[Network]
NetworkName=app_default
`,
    },
    unsupported: [],
    warnings: [
      'image "nginx" written as "docker.io/library/nginx" (Docker Hub, as Docker resolves short names)',
      'service "web": NetworkAlias= needs Podman 5.2; written as PodmanArgs=--network-alias',
    ],
  },
  "environment as a list": {
    units: {
      "web.container": `[Container]
Image=docker.io/library/nginx
ContainerName=web
Environment=A=1
Environment="B=two words"
Environment=C=from-shell
Environment=D=
Network=default.network

[Service]
TimeoutStartSec=900
`,
      "default.network": `[Network]
NetworkName=app_default
`,
    },
    unsupported: [],
    warnings: [
      'image "nginx" written as "docker.io/library/nginx" (Docker Hub, as Docker resolves short names)',
    ],
  },
  "environment as a mapping with specifiers, dollars and quotes": {
    units: {
      "web.container": `[Container]
Image=docker.io/library/nginx
ContainerName=web
Environment=PCT=100%%
Environment=DOLLAR=a$$b
Environment="QUOTE=say \\"hi\\""
Environment=NUM=42
Environment=BOOL=true
Environment=EMPTY=
Network=default.network

[Service]
TimeoutStartSec=900
`,
      "default.network": `[Network]
NetworkName=app_default
`,
    },
    unsupported: [],
    warnings: [
      'image "nginx" written as "docker.io/library/nginx" (Docker Hub, as Docker resolves short names)',
    ],
  },
  "env_file plain and quoted": {
    units: {
      "web.container": `[Container]
Image=docker.io/library/nginx
ContainerName=web
Environment=A=1
Environment=B=2
Environment=R=keep
Environment=Q=override
Network=default.network

[Service]
TimeoutStartSec=900
`,
      "default.network": `[Network]
NetworkName=app_default
`,
    },
    unsupported: [],
    warnings: [
      'image "nginx" written as "docker.io/library/nginx" (Docker Hub, as Docker resolves short names)',
      'service "web": optional env_file "/srv/app/missing.env" is missing; left out',
      'service "web": env_file "/srv/app/quoted.env" uses quoting, variables, `export` or bare keys that podman --env-file reads differently; its variables were written into the unit as Environment=',
    ],
  },
  "ports in every syntax": {
    units: {
      "web.container": `[Container]
Image=docker.io/library/nginx
ContainerName=web
Network=default.network
PublishPort=80
PublishPort=8080:80
PublishPort=127.0.0.1:8443:443
PublishPort=127.0.0.1::9000
PublishPort=6881:6881/udp
PublishPort=9000-9002:9000-9002
PublishPort=[::1]:5353:53/udp
PublishPort=0.0.0.0:3001:3000
PublishPort=514/udp

[Service]
TimeoutStartSec=900
`,
      "default.network": `[Network]
NetworkName=app_default
`,
    },
    unsupported: [],
    warnings: [
      'image "nginx" written as "docker.io/library/nginx" (Docker Hub, as Docker resolves short names)',
    ],
  },
  "volumes short and long, bind and named": {
    units: {
      "web.container": `[Container]
Image=docker.io/library/nginx
ContainerName=web
Network=default.network
Tmpfs=/scratch:size=1000000
Volume=/srv/app/config:/config
Volume=/media-server/tv:/tv:ro
Volume=%h/downloads:/downloads:z
Volume=data.volume:/data:Z
Volume=/anonymous
Volume=/srv/app/html:/usr/share/nginx/html:ro
Volume=data.volume:/cache:nocopy

[Service]
TimeoutStartSec=900
`,
      "default.network": `[Network]
NetworkName=app_default
`,
      "data.volume": `[Volume]
VolumeName=app_data
`,
    },
    unsupported: [],
    warnings: [
      'image "nginx" written as "docker.io/library/nginx" (Docker Hub, as Docker resolves short names)',
    ],
  },
  "networks list and mapping with aliases and addresses": {
    units: {
      "web.container": `[Container]
Image=docker.io/library/nginx
ContainerName=web
Network=front.network:alias=www,ip=10.5.0.10
Network=back.network

[Service]
TimeoutStartSec=900
`,
      "db.container": `[Container]
Image=docker.io/library/postgres
ContainerName=db
Network=back.network

[Service]
TimeoutStartSec=900
`,
      "front.network": `[Network]
Driver=bridge
Gateway=10.5.0.1
IPRange=10.5.0.128/25
Label=tier=front
NetworkName=app_front
Options=com.docker.network.bridge.name=br-front
Subnet=10.5.0.0/24
`,
      "back.network": `[Network]
IPv6=true
Internal=true
NetworkName=app_back
`,
    },
    unsupported: [],
    warnings: [
      'image "nginx" written as "docker.io/library/nginx" (Docker Hub, as Docker resolves short names)',
      'image "postgres" written as "docker.io/library/postgres" (Docker Hub, as Docker resolves short names)',
    ],
  },
  "network_mode host and none": {
    units: {
      "plex.container": `[Container]
Image=docker.io/plexinc/pms-docker
ContainerName=plex
Network=host

[Service]
TimeoutStartSec=900
`,
      "offline.container": `[Container]
Image=docker.io/library/busybox
ContainerName=offline
Network=none

[Service]
TimeoutStartSec=900
`,
    },
    unsupported: [],
    warnings: [
      'image "plexinc/pms-docker" written as "docker.io/plexinc/pms-docker" (Docker Hub, as Docker resolves short names)',
      'image "busybox" written as "docker.io/library/busybox" (Docker Hub, as Docker resolves short names)',
    ],
  },
  "network_mode service on Podman 4.9 joins the container by name": {
    units: {
      "vpn.container": `[Container]
Image=docker.io/qmcgaw/gluetun
ContainerName=vpn
AddCapability=NET_ADMIN
Network=default.network

[Service]
TimeoutStartSec=900
`,
      "torrent.container": `[Unit]
Requires=vpn.service
After=vpn.service

[Container]
Image=docker.io/library/qbittorrent
ContainerName=torrent
Network=container:vpn

[Service]
TimeoutStartSec=900
`,
      "default.network": `[Network]
NetworkName=app_default
`,
    },
    unsupported: [],
    warnings: [
      'image "qmcgaw/gluetun" written as "docker.io/qmcgaw/gluetun" (Docker Hub, as Docker resolves short names)',
      'image "qbittorrent" written as "docker.io/library/qbittorrent" (Docker Hub, as Docker resolves short names)',
    ],
  },
  "network_mode service on Podman 5.4 uses the container unit": {
    units: {
      "vpn.container": `[Container]
Image=docker.io/qmcgaw/gluetun
ContainerName=vpn
Network=default.network

[Service]
TimeoutStartSec=900
`,
      "torrent.container": `[Container]
Image=docker.io/library/qbittorrent
ContainerName=torrent
Network=vpn.container

[Service]
TimeoutStartSec=900
`,
      "default.network": `[Network]
NetworkName=app_default
`,
    },
    unsupported: [],
    warnings: [
      'image "qmcgaw/gluetun" written as "docker.io/qmcgaw/gluetun" (Docker Hub, as Docker resolves short names)',
      'image "qbittorrent" written as "docker.io/library/qbittorrent" (Docker Hub, as Docker resolves short names)',
    ],
  },
  "depends_on short and long": {
    units: {
      "app.container": `[Unit]
Requires=db.service
After=db.service
Wants=cache.service
After=cache.service

[Container]
Image=docker.io/library/app
ContainerName=app
Network=default.network

[Service]
TimeoutStartSec=900
`,
      "worker.container": `[Unit]
Requires=db.service
After=db.service

[Container]
Image=docker.io/library/app
ContainerName=worker
Network=default.network

[Service]
TimeoutStartSec=900
`,
      "db.container": `[Container]
Image=docker.io/library/postgres
ContainerName=db
HealthCmd=pg_isready
Network=default.network
PodmanArgs=--sdnotify=healthy

[Service]
TimeoutStartSec=900
`,
      "cache.container": `[Container]
Image=docker.io/library/redis
ContainerName=cache
Network=default.network

[Service]
TimeoutStartSec=900
`,
      "default.network": `[Network]
NetworkName=app_default
`,
    },
    unsupported: [],
    warnings: [
      'image "app" written as "docker.io/library/app" (Docker Hub, as Docker resolves short names)',
      'image "postgres" written as "docker.io/library/postgres" (Docker Hub, as Docker resolves short names)',
      'image "redis" written as "docker.io/library/redis" (Docker Hub, as Docker resolves short names)',
      'service "db": Notify=healthy needs Podman 5.0; written as PodmanArgs=--sdnotify=healthy',
    ],
  },
  "restart policies": {
    units: {
      "a.container": `[Container]
Image=docker.io/library/x
ContainerName=a
Network=default.network

[Service]
Restart=always
TimeoutStartSec=900

[Install]
WantedBy=default.target
`,
      "b.container": `[Container]
Image=docker.io/library/x
ContainerName=b
Network=default.network

[Service]
Restart=always
TimeoutStartSec=900

[Install]
WantedBy=default.target
`,
      "c.container": `[Container]
Image=docker.io/library/x
ContainerName=c
Network=default.network

[Service]
Restart=on-failure
TimeoutStartSec=900
`,
      "d.container": `[Container]
Image=docker.io/library/x
ContainerName=d
Network=default.network

[Service]
Restart=no
TimeoutStartSec=900
`,
      "default.network": `[Network]
NetworkName=app_default
`,
    },
    unsupported: [],
    warnings: ['image "x" written as "docker.io/library/x" (Docker Hub, as Docker resolves short names)'],
  },
  "healthcheck forms": {
    units: {
      "cmd.container": `[Container]
Image=docker.io/library/x
ContainerName=cmd
HealthCmd=curl -f 'http://localhost:8080/ping?a=1&b=2'
HealthInterval=30s
HealthRetries=3
HealthStartPeriod=1m
HealthTimeout=5s
Network=default.network

[Service]
TimeoutStartSec=900
`,
      "shell.container": `[Container]
Image=docker.io/library/x
ContainerName=shell
HealthCmd=wget -qO- http://localhost/ || exit 1
Network=default.network

[Service]
TimeoutStartSec=900
`,
      "string.container": `[Container]
Image=docker.io/library/x
ContainerName=string
HealthCmd=["CMD-SHELL","curl -f \\"http://localhost/\\""]
Network=default.network

[Service]
TimeoutStartSec=900
`,
      "off.container": `[Container]
Image=docker.io/library/x
ContainerName=off
HealthCmd=none
Network=default.network

[Service]
TimeoutStartSec=900
`,
      "none.container": `[Container]
Image=docker.io/library/x
ContainerName=none
HealthCmd=none
Network=default.network

[Service]
TimeoutStartSec=900
`,
      "default.network": `[Network]
NetworkName=app_default
`,
    },
    unsupported: [],
    warnings: [
      'image "x" written as "docker.io/library/x" (Docker Hub, as Docker resolves short names)',
      'service "cmd": healthcheck CMD form runs through /bin/sh (Podman\'s --health-cmd takes a shell string)',
    ],
  },
  "capabilities, devices and labels": {
    units: {
      "vpn.container": `[Container]
Image=docker.io/library/x
ContainerName=vpn
AddCapability=NET_ADMIN
AddCapability=SYS_MODULE
AddDevice=/dev/net/tun:/dev/net/tun
AddDevice=/dev/dri
AddDevice=/dev/snd:/dev/snd:rw
DropCapability=ALL
Label="com.example.tier=back end"
Label=io.containers.autoupdate=registry
Network=default.network

[Service]
TimeoutStartSec=900
`,
      "web.container": `[Container]
Image=docker.io/library/x
ContainerName=web
Label=traefik.enable=true
Label="traefik.http.routers.web.rule=Host(\`example.com\`)"
Network=default.network

[Service]
TimeoutStartSec=900
`,
      "default.network": `[Network]
NetworkName=app_default
`,
    },
    unsupported: [],
    warnings: ['image "x" written as "docker.io/library/x" (Docker Hub, as Docker resolves short names)'],
  },
  "command and entrypoint quoting": {
    units: {
      "list.container": `[Container]
Image=docker.io/library/x
ContainerName=list
Entrypoint=["/bin/tini","--"]
Exec=sh -c "echo \\"hi there\\" > /tmp/x; echo 50%% $$HOME"
Network=default.network

[Service]
TimeoutStartSec=900
`,
      "string.container": `[Container]
Image=docker.io/library/x
ContainerName=string
Entrypoint=/docker-entrypoint.sh
Exec=python -m http.server --bind 0.0.0.0 8000
Network=default.network

[Service]
TimeoutStartSec=900
`,
      "empty_entrypoint.container": `[Container]
Image=docker.io/library/x
ContainerName=empty_entrypoint
Exec=echo "single quoted" double
Network=default.network
PodmanArgs=--entrypoint=

[Service]
TimeoutStartSec=900
`,
      "default.network": `[Network]
NetworkName=app_default
`,
    },
    unsupported: [],
    warnings: ['image "x" written as "docker.io/library/x" (Docker Hub, as Docker resolves short names)'],
  },
  "runtime options": {
    units: {
      "app.container": `[Container]
Image=docker.io/library/x
ContainerName=app
AddHost=host.docker.internal:host-gateway
AddHost=db:10.0.0.5
AddHost=v6:::1
Annotation=run.oci.keep_original_groups=1
DNS=1.1.1.1
DNS=9.9.9.9
DNSOption=ndots:2
DNSSearch=example.com
ExposeHostPort=3000
ExposeHostPort=4000-4001/udp
GroupAdd=video
LogDriver=json-file
LogOpt=max-size=10m
LogOpt=max-file=3
Network=default.network
NoNewPrivileges=true
PidsLimit=200
Pull=always
ReadOnly=true
RunInit=true
SeccompProfile=unconfined
SecurityLabelDisable=true
ShmSize=1gb
StopSignal=SIGINT
StopTimeout=90
Sysctl=net.core.somaxconn=1024
Sysctl=net.ipv4.ip_forward=1
Tmpfs=/run
Tmpfs=/tmp:size=64m
Ulimit=nproc=65535
Ulimit=nofile=20000:40000
User=1000:1000
UserNS=keep-id
WorkingDir=/app
PodmanArgs=--security-opt apparmor=unconfined

[Service]
TimeoutStartSec=900
`,
      "default.network": `[Network]
NetworkName=app_default
`,
    },
    unsupported: [],
    warnings: ['image "x" written as "docker.io/library/x" (Docker Hub, as Docker resolves short names)'],
  },
  "runtime options downgraded for Podman 4.4": {
    units: {
      "app.container": `[Container]
Image=docker.io/library/x
ContainerName=app
HealthCmd=true
Network=default.network
PodmanArgs=--workdir /app
PodmanArgs=--tmpfs /run
PodmanArgs=--shm-size 256m
PodmanArgs=--stop-timeout 10
PodmanArgs=--add-host db:10.0.0.5
PodmanArgs=--dns 1.1.1.1
PodmanArgs=--sysctl net.core.somaxconn=1024
PodmanArgs=--log-driver journald
PodmanArgs=--hostname app
PodmanArgs=--health-interval 10s

[Service]
TimeoutStartSec=900
`,
      "default.network": `[Network]
`,
    },
    unsupported: [{
      "service": null,
      "key": "networks.default",
      "reason":
        'NetworkName= needs Podman 4.7 (target 4.4): the network is named systemd-default, not "app_default" as compose names it',
    }],
    warnings: [
      'image "x" written as "docker.io/library/x" (Docker Hub, as Docker resolves short names)',
      'service "app": WorkingDir= needs Podman 4.6; written as PodmanArgs=--workdir',
      'service "app": Tmpfs= needs Podman 4.5; written as PodmanArgs=--tmpfs',
      'service "app": ShmSize= needs Podman 4.7; written as PodmanArgs=--shm-size',
      'service "app": StopTimeout= needs Podman 5.0; written as PodmanArgs=--stop-timeout',
      'service "app": AddHost= needs Podman 5.1; written as PodmanArgs=--add-host',
      'service "app": DNS= needs Podman 4.7; written as PodmanArgs=--dns',
      'service "app": Sysctl= needs Podman 4.6; written as PodmanArgs=--sysctl',
      'service "app": LogDriver= needs Podman 4.5; written as PodmanArgs=--log-driver',
      'service "app": HostName= needs Podman 4.6; written as PodmanArgs=--hostname',
      'service "app": HealthInterval= needs Podman 4.5; written as PodmanArgs=--health-interval',
    ],
  },
  "PodmanArgs passthrough keys": {
    units: {
      "app.container": `[Container]
Image=docker.io/library/x
ContainerName=app
Network=default.network
PodmanArgs=--memory 512m
PodmanArgs=--memory-swap 1g
PodmanArgs=--cpus 1.5
PodmanArgs=--cpu-shares 512
PodmanArgs=--privileged
PodmanArgs=--tty
PodmanArgs=--ipc host
PodmanArgs=--pid host
PodmanArgs=--platform linux/arm64
PodmanArgs=--storage-opt size=10G
PodmanArgs=--device-cgroup-rule "c 1:3 mr"
PodmanArgs=--oom-score-adj -500

[Service]
TimeoutStartSec=900
`,
      "sidecar.container": `[Container]
Image=docker.io/library/x
ContainerName=sidecar
Network=default.network
PodmanArgs=--volumes-from app:ro

[Service]
TimeoutStartSec=900
`,
      "default.network": `[Network]
NetworkName=app_default
`,
    },
    unsupported: [],
    warnings: ['image "x" written as "docker.io/library/x" (Docker Hub, as Docker resolves short names)'],
  },
  "unsupported and unknown keys are reported": {
    units: {
      "app.container": `[Container]
Image=docker.io/library/x
ContainerName=app
Network=default.network

[Service]
TimeoutStartSec=900
`,
      "default.network": `[Network]
NetworkName=app_default
`,
    },
    unsupported: [
      {
        "service": "app",
        "key": "build",
        "reason": "building images needs .build units (Podman 5.2); the service uses `image`",
      },
      {
        "service": "app",
        "key": "deploy.replicas",
        "reason": "a quadlet unit runs one container (replicas: 1 is fine)",
      },
      { "service": "app", "key": "frobnicate", "reason": "unknown compose service key" },
      {
        "service": "db",
        "key": "build",
        "reason":
          "building images needs .build units (Podman 5.2) and the service has no `image`; service skipped",
      },
    ],
    warnings: [
      'top-level key "version" ignored: obsolete; the compose specification ignores it',
      'top-level extension field "x-anchors" ignored',
      'image "x" written as "docker.io/library/x" (Docker Hub, as Docker resolves short names)',
      'service "app": key "links" ignored: legacy links; services on a shared network already reach each other by name',
      'service "app": extension field "x-custom" ignored',
    ],
  },
  "named volumes with driver options": {
    units: {
      "app.container": `[Container]
Image=docker.io/library/x
ContainerName=app
Network=default.network
Volume=media.volume:/media
Volume=cache.volume:/cache
Volume=shared_data:/shared

[Service]
TimeoutStartSec=900
`,
      "default.network": `[Network]
NetworkName=app_default
`,
      "media.volume": `[Volume]
Device=:/export/media
Driver=local
Label=backup=true
Options=addr=10.0.0.2,nolock,soft,rw
Type=nfs
VolumeName=app_media
`,
      "cache.volume": `[Volume]
VolumeName=app_cache
PodmanArgs=--opt size=10G
`,
    },
    unsupported: [],
    warnings: ['image "x" written as "docker.io/library/x" (Docker Hub, as Docker resolves short names)'],
  },
  "stack prefix names units and references": {
    units: {
      "blog-web.container": `[Unit]
Requires=blog-db.service
After=blog-db.service

[Container]
Image=docker.io/library/nginx
ContainerName=blog-web
Network=blog-front.network
Volume=blog-html.volume:/usr/share/nginx/html
PodmanArgs=--network-alias web

[Service]
Restart=always
TimeoutStartSec=900

[Install]
WantedBy=default.target
`,
      "blog-db.container": `[Container]
Image=docker.io/library/postgres
ContainerName=blog-db
Network=blog-front.network
PodmanArgs=--network-alias db

[Service]
TimeoutStartSec=900
`,
      "blog-front.network": `[Network]
NetworkName=app_front
`,
      "blog-html.volume": `[Volume]
VolumeName=app_html
`,
    },
    unsupported: [],
    warnings: [
      'image "nginx" written as "docker.io/library/nginx" (Docker Hub, as Docker resolves short names)',
      'service "web": NetworkAlias= needs Podman 5.2; written as PodmanArgs=--network-alias',
      'image "postgres" written as "docker.io/library/postgres" (Docker Hub, as Docker resolves short names)',
      'service "db": NetworkAlias= needs Podman 5.2; written as PodmanArgs=--network-alias',
    ],
  },
  "implicit default network for two services": {
    units: {
      "a.container": `[Container]
Image=docker.io/library/x
ContainerName=a
Network=default.network

[Service]
TimeoutStartSec=900
`,
      "b.container": `[Container]
Image=docker.io/library/y
ContainerName=b
Network=default.network

[Service]
TimeoutStartSec=900
`,
      "default.network": `[Network]
NetworkName=app_default
`,
    },
    unsupported: [],
    warnings: [
      'image "x" written as "docker.io/library/x" (Docker Hub, as Docker resolves short names)',
      'image "y" written as "docker.io/library/y" (Docker Hub, as Docker resolves short names)',
    ],
  },
  "secrets": {
    units: {
      "app.container": `[Container]
Image=docker.io/library/x
ContainerName=app
Network=default.network
Secret=db_password
Secret=prod_api_key,target=/run/secrets/api,mode=0400

[Service]
TimeoutStartSec=900
`,
      "default.network": `[Network]
NetworkName=app_default
`,
    },
    unsupported: [],
    warnings: [
      'secret "db_password": create it once with: podman secret create db_password /srv/app/db_password.txt',
      'image "x" written as "docker.io/library/x" (Docker Hub, as Docker resolves short names)',
    ],
  },
  "interpolation from .env and shell": {
    units: {
      "app.container": `[Container]
Image=docker.io/library/busybox:1.36
ContainerName=app
Environment=FROM_SHELL=from-shell
Environment=DEFAULTED=fallback
Environment=ALT=tag-is-set
Environment=LITERAL=$$NOT_A_VAR
Network=default.network

[Service]
TimeoutStartSec=900
`,
      "default.network": `[Network]
NetworkName=app_default
`,
    },
    unsupported: [],
    warnings: [
      'image "busybox:1.36" written as "docker.io/library/busybox:1.36" (Docker Hub, as Docker resolves short names)',
    ],
  },
  "anchors and merge keys": {
    units: {
      "one.container": `[Container]
Image=lscr.io/linuxserver/base
ContainerName=one
Environment=PUID=1000
Environment=PGID=1000
Network=default.network

[Service]
Restart=always
TimeoutStartSec=900

[Install]
WantedBy=default.target
`,
      "two.container": `[Container]
Image=lscr.io/linuxserver/other
ContainerName=two
Environment=PUID=1000
Environment=PGID=1000
Environment=EXTRA=yes
Network=default.network

[Service]
Restart=always
TimeoutStartSec=900

[Install]
WantedBy=default.target
`,
      "default.network": `[Network]
NetworkName=app_default
`,
    },
    unsupported: [],
    warnings: ['top-level extension field "x-base" ignored'],
  },
  "build becomes a .build unit on Podman 5.2+": {
    units: {
      "app.container": `[Container]
Image=app.build
ContainerName=app
Network=default.network
PublishPort=8000:8000
`,
      "app.build": `[Build]
File=/srv/app/app/Containerfile.prod
ImageTag=localhost/app:latest
Label=org.example.role=app
SetWorkingDirectory=/srv/app/app
Target=runtime
PodmanArgs=--build-arg VERSION=1.2
`,
      "tool.container": `[Container]
Image=tool.build
ContainerName=tool
Network=default.network
`,
      "tool.build": `[Build]
ImageTag=registry.example.com/tool:2
SetWorkingDirectory=/srv/app/tool
`,
      "default.network": `[Network]
NetworkName=app_default
`,
    },
    unsupported: [{
      "service": "app",
      "key": "build.cache_from",
      "reason": 'build option "cache_from" is not converted',
    }],
    warnings: [],
  },
  "volumes and networks get compose's names: <project>_<name> from the folder, name: kept, external untouched":
    {
      units: {
        "app.container": `[Container]
Image=docker.io/library/x
ContainerName=app
Network=front.network
Network=fixed.network
Volume=data.volume:/data
Volume=kept.volume:/kept
Volume=shared:/shared

[Service]
TimeoutStartSec=900
`,
        "front.network": `[Network]
NetworkName=mymediastack_front
`,
        "fixed.network": `[Network]
NetworkName=fixed-net
`,
        "data.volume": `[Volume]
VolumeName=mymediastack_data
`,
        "kept.volume": `[Volume]
VolumeName=my-kept-volume
`,
      },
      unsupported: [],
      warnings: [],
    },
  "COMPOSE_PROJECT_NAME from .env names the project": {
    units: {
      "app.container": `[Container]
Image=docker.io/library/x
ContainerName=app
Network=default.network
Volume=data.volume:/data

[Service]
TimeoutStartSec=900
`,
      "default.network": `[Network]
NetworkName=from_dotenv_default
`,
      "data.volume": `[Volume]
VolumeName=from_dotenv_data
`,
    },
    unsupported: [],
    warnings: [],
  },
  "COMPOSE_PROJECT_NAME from the shell wins over .env": {
    units: {
      "app.container": `[Container]
Image=docker.io/library/x
ContainerName=app
Network=default.network
Volume=data.volume:/data

[Service]
TimeoutStartSec=900
`,
      "default.network": `[Network]
NetworkName=shell_default
`,
      "data.volume": `[Volume]
VolumeName=shell_data
`,
    },
    unsupported: [],
    warnings: [],
  },
  "top-level name names the project and prefixes the units": {
    units: {
      "media-app.container": `[Container]
Image=docker.io/library/x
ContainerName=media-app
Network=media-default.network
Volume=media-data.volume:/data
PodmanArgs=--network-alias app

[Service]
TimeoutStartSec=900
`,
      "media-default.network": `[Network]
NetworkName=media_default
`,
      "media-data.volume": `[Volume]
VolumeName=media_data
`,
    },
    unsupported: [],
    warnings: ['service "app": NetworkAlias= needs Podman 5.2; written as PodmanArgs=--network-alias'],
  },
  "per-network options go on each network's line when a container joins two networks": {
    units: {
      "dns.container": `[Container]
Image=docker.io/pihole/pihole
ContainerName=pihole
Network=lan.network:ip=192.168.1.53,ip6=fd00::53,mac=02:42:c0:a8:01:35,alias=pi.hole,alias=dns.lan,alias=dns
Network=back.network:interface_name=eth1,alias=dns

[Service]
TimeoutStartSec=900
`,
      "one.container": `[Container]
Image=docker.io/library/x
ContainerName=one
IP=192.168.1.10
Network=lan.network
NetworkAlias=one.lan
PodmanArgs=--mac-address 02:42:c0:a8:01:0a

[Service]
TimeoutStartSec=900
`,
      "lan.network": `[Network]
Driver=macvlan
NetworkName=app_lan
Subnet=192.168.1.0/24
`,
      "back.network": `[Network]
NetworkName=app_back
`,
    },
    unsupported: [{
      "service": "dns",
      "key": "networks.lan.priority",
      "reason": 'per-network option "priority" has no Podman equivalent',
    }],
    warnings: [],
  },
  "ipam driver default is left out, subnets, ranges and gateways kept": {
    units: {
      "app.container": `[Container]
Image=docker.io/library/x
ContainerName=app
Network=lan.network
Network=local.network

[Service]
TimeoutStartSec=900
`,
      "lan.network": `[Network]
Gateway=172.28.5.254
IPRange=172.28.5.0/24
NetworkName=app_lan
Subnet=172.28.0.0/16
`,
      "local.network": `[Network]
IPAMDriver=host-local
NetworkName=app_local
`,
    },
    unsupported: [],
    warnings: [],
  },
  "a service naming the undeclared default network gets <project>_default": {
    units: {
      "adguard.container": `[Container]
Image=docker.io/adguard/adguardhome
ContainerName=adguard
Network=default.network
Network=lan.network:ip=192.168.1.2

[Service]
TimeoutStartSec=900
`,
      "host.container": `[Container]
Image=docker.io/library/x
ContainerName=host
Network=host

[Service]
TimeoutStartSec=900
`,
      "default.network": `[Network]
NetworkName=app_default
`,
      "lan.network": `[Network]
Driver=macvlan
NetworkName=app_lan
Subnet=192.168.1.0/24
`,
    },
    unsupported: [],
    warnings: [],
  },
  "a declared default network keeps its name": {
    units: {
      "app.container": `[Container]
Image=docker.io/library/x
ContainerName=app
Network=default.network

[Service]
TimeoutStartSec=900
`,
      "default.network": `[Network]
NetworkName=shared-net
`,
    },
    unsupported: [],
    warnings: [],
  },
  "empty command words become a systemd variable that quadlet keeps and systemd makes one empty argument": {
    units: {
      "relay.container": `[Container]
Image=docker.io/modem7/dhcprelay
ContainerName=relay
Exec=-id eth0 -iu eth1 -f "\${ARR_EMPTY_ARG}" -r 192.168.1.0/24
Network=host

[Service]
Environment=ARR_EMPTY_ARG=
TimeoutStartSec=900
`,
      "list.container": `[Container]
Image=docker.io/library/x
ContainerName=list
Entrypoint=["/bin/sh","-c","printf '[%%s]' \\"$$@\\"","sh"]
Exec="\${ARR_EMPTY_ARG}" "a b" "say \\"hi\\"" 50%% $$HOME "C:\\\\temp" "two\\nlines" "\\t" "'" "\${ARR_EMPTY_ARG}"
Network=none

[Service]
Environment=ARR_EMPTY_ARG=
TimeoutStartSec=900
`,
    },
    unsupported: [],
    warnings: [],
  },
  "env_file files that are all plain KEY=VALUE stay EnvironmentFile=, in order": {
    units: {
      "web.container": `[Container]
Image=docker.io/library/x
ContainerName=web
EnvironmentFile=/srv/app/a.env
EnvironmentFile=/srv/app/b.env
Network=none

[Service]
TimeoutStartSec=900
`,
    },
    unsupported: [],
    warnings: [],
  },
  "env_file read as compose reads it: quotes, export, comments, variables, $$": {
    units: {
      "web.container": `[Container]
Image=docker.io/library/x
ContainerName=web
Environment=URL=https://example.com/app
Environment=HASH=overridden
Environment="SINGLE=literal $\${DOMAIN} and \\\\\\\\n"
Environment="DOUBLE=tab\\there \\"q\\" $$DOMAIN $\${DOMAIN}"
Environment="MULTI=line one\\nline two"
Environment=SPACED=padded
Environment=YAML_STYLE=colon
Environment=TZ=Europe/Berlin
Environment=SECRET=s3cr3t
Environment=UNSET_REF=/x
Environment="EARLIER=x#not-a-comment-https://example.com/app"
Environment=KEEP=from-environment
Network=none

[Service]
TimeoutStartSec=900
`,
    },
    unsupported: [],
    warnings: [
      'variable "NOPE" is not set: defaulting to a blank string',
      'service "web": env_file "/srv/app/first.env" uses quoting, variables, `export` or bare keys that podman --env-file reads differently; its variables were written into the unit as Environment=',
      'service "web": env_file "/srv/app/second.env" uses quoting, variables, `export` or bare keys that podman --env-file reads differently; its variables were written into the unit as Environment=',
    ],
  },
  "unset variables without a default give one warning per variable, as compose": {
    units: {
      "web.container": `[Container]
Image=docker.io/library/x
ContainerName=web
Environment=A=-
Environment=B=dx
Environment=C=$$LITERAL
Label=version=
Network=none

[Service]
TimeoutStartSec=900
`,
    },
    unsupported: [],
    warnings: [
      'variable "IN_DOTENV" is not set: defaulting to a blank string',
      'variable "TAG" is not set: defaulting to a blank string',
      'variable "OTHER" is not set: defaulting to a blank string',
    ],
  },
  "profiles: only services with an active profile are converted, the others are listed as skipped": {
    units: {
      "app.container": `[Unit]
Requires=db.service
After=db.service

[Container]
Image=docker.io/library/x
ContainerName=app
Network=default.network

[Service]
TimeoutStartSec=900
`,
      "db.container": `[Container]
Image=docker.io/library/postgres
ContainerName=db
Network=default.network

[Service]
TimeoutStartSec=900
`,
      "default.network": `[Network]
NetworkName=app_default
`,
    },
    unsupported: [],
    warnings: [],
    skipped: [{ "service": "debugger", "reason": 'profiles "debug" not active' }, {
      "service": "tools",
      "reason": 'profiles "tools" not active',
    }],
  },
  "a service others wait for to complete runs as a one-shot unit that stays active": {
    units: {
      "app.container": `[Unit]
Requires=migrate.service
After=migrate.service
Requires=init.service
After=init.service

[Container]
Image=docker.io/library/x
ContainerName=app
Network=none

[Service]
Restart=always
TimeoutStartSec=900

[Install]
WantedBy=default.target
`,
      "migrate.container": `[Container]
Image=docker.io/library/x
ContainerName=migrate
Exec=migrate up
Network=none

[Service]
Type=oneshot
RemainAfterExit=yes
`,
      "init.container": `[Container]
Image=docker.io/library/busybox
ContainerName=init
Network=none

[Service]
Restart=on-failure
Type=oneshot
RemainAfterExit=yes

[Install]
WantedBy=default.target
`,
    },
    unsupported: [],
    warnings: [
      'service "init": others wait for it to complete, so it runs as Type=oneshot, where systemd allows no Restart=always; written as Restart=on-failure',
    ],
  },
  "deploy resources, GPU reservations, restart_policy and gpus": {
    units: {
      "limited.container": `[Container]
Image=docker.io/library/x
ContainerName=limited
Network=none
PidsLimit=200
PodmanArgs=--cpus 1.5
PodmanArgs=--memory 1000M
PodmanArgs=--memory-reservation 500M

[Service]
Restart=on-failure
TimeoutStartSec=900
`,
      "ollama.container": `[Container]
Image=docker.io/ollama/ollama
ContainerName=ollama
AddDevice=nvidia.com/gpu=all
Network=none

[Service]
Restart=always
TimeoutStartSec=900

[Install]
WantedBy=default.target
`,
      "whisper.container": `[Container]
Image=docker.io/library/x
ContainerName=whisper
AddDevice=nvidia.com/gpu=0
AddDevice=nvidia.com/gpu=1
AddDevice=nvidia.com/gpu=GPU-3a23c669
Network=none

[Service]
TimeoutStartSec=900
`,
      "short.container": `[Container]
Image=docker.io/library/x
ContainerName=short
AddDevice=nvidia.com/gpu=all
Network=none

[Service]
TimeoutStartSec=900
`,
    },
    unsupported: [{
      "service": "limited",
      "key": "deploy.resources.reservations.cpus",
      "reason": "Podman has no CPU reservation (Docker Compose applies none either)",
    }, {
      "service": "limited",
      "key": "deploy.restart_policy.max_attempts",
      "reason": "systemd's StartLimitBurst= is the equivalent; set it by hand",
    }, {
      "service": "limited",
      "key": "deploy.update_config",
      "reason": "Swarm rolling updates have no quadlet equivalent",
    }, {
      "service": "whisper",
      "key": "deploy.resources.reservations.devices[2]",
      "reason":
        'device request (driver "amd", capabilities ["gpu"]) has no Podman equivalent; only NVIDIA GPUs map to CDI devices',
    }],
    warnings: [
      'service "ollama": GPUs are passed as CDI devices (nvidia.com/gpu=…); the host needs the NVIDIA Container Toolkit\'s CDI spec (nvidia-ctk cdi generate)',
      'service "whisper": GPUs are passed as CDI devices (nvidia.com/gpu=…); the host needs the NVIDIA Container Toolkit\'s CDI spec (nvidia-ctk cdi generate)',
      'service "short": GPUs are passed as CDI devices (nvidia.com/gpu=…); the host needs the NVIDIA Container Toolkit\'s CDI spec (nvidia-ctk cdi generate)',
    ],
  },
  "configs: a file is bind-mounted read-only, content and environment become Podman secrets": {
    units: {
      "clickhouse.container": `[Container]
Image=docker.io/clickhouse/clickhouse-server
ContainerName=clickhouse
Network=none
Secret=app_network,type=mount,target=/etc/clickhouse-server/config.d/network.xml,mode=0440
Secret=app_token,type=mount,target=/token.txt,uid=101
Volume=/srv/app/app.conf:/app_conf:ro
Volume=/srv/app/app.conf:/etc/app.conf:ro

[Service]
TimeoutStartSec=900
`,
    },
    unsupported: [{
      "service": "clickhouse",
      "key": "configs[3].mode",
      "reason": "a config from a file is bind-mounted, so it keeps the file's own mode",
    }],
    warnings: [
      'config "network" is mounted as a Podman secret; create it once with: podman secret create app_network FILE (FILE holding the config\'s content)',
      'config "token" is mounted as a Podman secret; create it once with: printenv API_TOKEN | podman secret create app_token -',
    ],
  },
  "extends in the same file and in another file, merged by the compose rules": {
    units: {
      "base.container": `[Container]
Image=docker.io/library/x
ContainerName=base
Environment=A=base
Environment=B=base
Exec=serve --base
Network=default.network
PublishPort=80:80
Volume=/srv/base:/data
Volume=/srv/logs:/logs

[Service]
TimeoutStartSec=900
`,
      "web.container": `[Container]
Image=docker.io/library/x
ContainerName=web
Environment=A=base
Environment=B=web
Environment=C=web
Exec=serve --web
Network=default.network
PublishPort=80:80
PublishPort=443:443
Volume=/srv/logs:/logs
Volume=/srv/web:/data

[Service]
TimeoutStartSec=900
`,
      "gpu.container": `[Container]
Image=docker.io/immich/server
ContainerName=gpu
AddDevice=/dev/dri:/dev/dri
EnvironmentFile=/srv/shared/hw.env
Label=from=hwaccel
Network=none
Volume=/srv/shared/cache:/cache
Volume=/srv/upload:/upload

[Service]
TimeoutStartSec=900
`,
      "default.network": `[Network]
NetworkName=app_default
`,
    },
    unsupported: [],
    warnings: [],
  },
  "include adds the other file's services and networks, its relative paths kept pointing at its folder": {
    units: {
      "app.container": `[Unit]
Requires=db.service
After=db.service

[Container]
Image=docker.io/library/x
ContainerName=app
Network=backend.network

[Service]
TimeoutStartSec=900
`,
      "db.container": `[Container]
Image=docker.io/library/postgres
ContainerName=db
Network=backend.network
Volume=/srv/db/data:/var/lib/postgresql/data

[Service]
TimeoutStartSec=900
`,
      "backend.network": `[Network]
NetworkName=app_backend
`,
    },
    unsupported: [],
    warnings: [],
  },
  "options Podman refuses in another container's network, and version-gated host-gateway and bridge options":
    {
      units: {
        "vpn.container": `[Container]
Image=docker.io/qmcgaw/gluetun
ContainerName=vpn
Network=lan.network
PodmanArgs=--add-host db:10.0.0.5

[Service]
TimeoutStartSec=900
`,
        "app.container": `[Unit]
Requires=vpn.service
After=vpn.service

[Container]
Image=docker.io/library/x
ContainerName=app
Network=container:vpn

[Service]
TimeoutStartSec=900
`,
        "lan.network": `[Network]
Options=mtu=1400
`,
      },
      unsupported: [{
        "service": "vpn",
        "key": "extra_hosts",
        "reason":
          '"host.docker.internal:host-gateway" needs Podman 4.7 (target 4.4); Podman itself adds host.containers.internal, pointing at the host',
      }, {
        "service": "app",
        "key": "dns",
        "reason":
          'Podman refuses dns for a container in another container\'s network (network_mode "service:vpn"); set it on that container',
      }, {
        "service": "app",
        "key": "dns_search",
        "reason":
          'Podman refuses dns_search for a container in another container\'s network (network_mode "service:vpn"); set it on that container',
      }, {
        "service": "app",
        "key": "extra_hosts",
        "reason":
          'Podman refuses extra_hosts for a container in another container\'s network (network_mode "service:vpn"); set it on that container',
      }, {
        "service": "app",
        "key": "mac_address",
        "reason":
          'Podman refuses mac_address for a container in another container\'s network (network_mode "service:vpn"); set it on that container',
      }, {
        "service": null,
        "key": "networks.lan.driver_opts.com.docker.network.bridge.name",
        "reason": "com.docker.network.bridge.name needs Podman 4.5 (target 4.4)",
      }, {
        "service": null,
        "key": "networks.lan",
        "reason":
          'NetworkName= needs Podman 4.7 (target 4.4): the network is named systemd-lan, not "app_lan" as compose names it',
      }],
      warnings: ['service "vpn": AddHost= needs Podman 5.1; written as PodmanArgs=--add-host'],
    },
};
