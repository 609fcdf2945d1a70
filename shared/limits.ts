/**
 * Size limits both programs enforce, each defined once: arr-helper refuses beyond them, arr-mcp checks first so
 * Claude gets a clear message instead of a refused request.
 */

/** A request body to arr-helper; a larger one is answered 413. */
export const HELPER_MAX_BODY_BYTES = 128 * 1024;

/** One quadlet unit's content as UTF-8: what `quadlet_write` accepts and a staged conversion may hold. */
export const QUADLET_MAX_CONTENT_BYTES = 64 * 1024;

/** `quadlet_validate`: at most this many units per request. */
export const QUADLET_VALIDATE_MAX_UNITS = 64;

/**
 * `quadlet_validate`: the units' contents together, as UTF-8. A request body cannot be larger anyway; the
 * bound keeps the op's scratch folder small even for a caller that is not the HTTP handler.
 */
export const QUADLET_VALIDATE_MAX_TOTAL_BYTES = HELPER_MAX_BODY_BYTES;
