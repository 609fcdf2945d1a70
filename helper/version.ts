/** The helper's own version, reported by the `info` op. */
export const HELPER_VERSION = "1.0.0";
