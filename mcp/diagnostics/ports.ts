/** Reading the runtime client's port texts (`127.0.0.1:8080->8080/tcp`, `8080/tcp`). Pure. */
export interface PortBinding {
  hostIp: string;
  hostPort: number;
  containerPort: number;
  protocol: string;
}

export function parsePortBinding(text: string): PortBinding | null {
  const m = /^(?:(.*):)?(\d+)->(\d+)(?:\/(\w+))?$/.exec(text.trim());
  if (!m) return null;
  return {
    hostIp: (m[1] ?? "").replace(/^\[|\]$/g, ""),
    hostPort: Number(m[2]),
    containerPort: Number(m[3]),
    protocol: m[4] ?? "tcp",
  };
}

/** Where the host reaches a container's TCP port: the published binding, with wildcard addresses as loopback. */
export function hostAddressFor(
  ports: readonly string[],
  containerPort: number,
): { host: string; port: number } | null {
  for (const text of ports) {
    const b = parsePortBinding(text);
    if (!b || b.containerPort !== containerPort || b.protocol !== "tcp" || b.hostPort === 0) continue;
    const host = b.hostIp === "" || b.hostIp === "0.0.0.0"
      ? "127.0.0.1"
      : b.hostIp === "::"
      ? "::1"
      : b.hostIp;
    return { host, port: b.hostPort };
  }
  return null;
}

/** "host:port" with IPv6 hosts bracketed, for URLs. */
export function hostPortText(host: string, port: number): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}
