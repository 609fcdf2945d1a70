/**
 * Arguments several rooms take, defined once so they are named and described alike everywhere: `container`
 * (a container name or ID) and `stack` (a folder in the stacks dir). Systemd units are `unit`, media services
 * `service`; see SERVER_INSTRUCTIONS.
 */
import { z } from "zod";

export const containerField = z.string().min(1).max(253).regex(
  /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/,
  "expected a container name or ID (letters, digits, _ . -)",
).describe("Container name or ID");

export const stackField = z.string().min(1).max(128).describe(
  "Stack folder name, e.g. media",
);
