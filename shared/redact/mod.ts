/**
 * The one redaction of arr-mcp and arr-helper: one mask (`[REDACTED]`), one rule for secret names, one linear
 * scan for secret values in text. Pure functions.
 */
export { LEGACY_MASKS, REDACTED, type Redaction } from "./mask.ts";
export { isSecretName } from "./secret_name.ts";
export { MIN_KNOWN_SECRET_LENGTH } from "./known_values.ts";
export { redactSecrets, redactText } from "./text.ts";
export { redactValue } from "./value.ts";
export { redactArgv } from "./argv.ts";
export { redactEnvFile } from "./env_file.ts";
export { redactContainerDetails, redactMountSource } from "./container_details.ts";
