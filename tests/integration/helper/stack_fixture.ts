/** A real compose stack in a helper's temp stacks folder, and cleanup of what podman-compose made for it. */
import { testbed } from "../../testbed/testbed.ts";

export async function writeStack(stacksDir: string, stack: string, compose: string): Promise<void> {
  await Deno.mkdir(`${stacksDir}/${stack}`);
  await Deno.writeTextFile(`${stacksDir}/${stack}/compose.yaml`, compose);
}

/** Two busybox services: a real HTTP server and a sleeper. */
export function twoServiceCompose(image: string): string {
  return [
    "services:",
    "  web:",
    `    image: ${image}`,
    '    command: ["busybox", "httpd", "-f", "-p", "8080"]',
    "  worker:",
    `    image: ${image}`,
    '    command: ["sleep", "3600"]',
    "",
  ].join("\n");
}

/** Containers of a compose project as the Podman API lists them: name → state. */
export async function projectContainers(stack: string): Promise<Record<string, string>> {
  const client = Deno.createHttpClient({ proxy: { transport: "unix", path: testbed().podmanSocket } });
  try {
    const filters = encodeURIComponent(JSON.stringify({ label: [`io.podman.compose.project=${stack}`] }));
    const res = await fetch(`http://d/v4.0.0/libpod/containers/json?all=true&filters=${filters}`, { client });
    if (!res.ok) throw new Error(`Podman API answered ${res.status}: ${await res.text()}`);
    const list: Array<{ Names: string[]; State: string }> = await res.json();
    return Object.fromEntries(list.map((c) => [c.Names[0] ?? "?", c.State]));
  } finally {
    client.close();
  }
}

async function quiet(...args: string[]): Promise<void> {
  await new Deno.Command("podman", { args, stdout: "null", stderr: "null" }).output();
}

/** Removes by exact name what podman-compose 1.3.0 creates for `stack`: containers, its pod and network. */
export async function removeStack(stack: string, services: string[]): Promise<void> {
  await quiet("rm", "-f", "-t", "0", "--ignore", ...services.map((s) => `${stack}_${s}_1`));
  await quiet("pod", "rm", "-f", "--ignore", `pod_${stack}`);
  await quiet("network", "rm", "-f", `${stack}_default`);
}
