/** How many leading bytes are inspected to tell text from binary. */
export const BINARY_SNIFF_BYTES = 8192;

/**
 * True when the bytes do not look like UTF-8 text: a NUL byte, or an invalid UTF-8 sequence in the first
 * `BINARY_SNIFF_BYTES` (a multi-byte character cut at the end of the sample is not counted against it).
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, BINARY_SNIFF_BYTES);
  if (sample.includes(0)) return true;
  const cut = sample.length === bytes.length ? sample : sample.subarray(0, completeUtf8Length(sample));
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(cut);
    return false;
  } catch {
    return true;
  }
}

/** Length of the longest prefix that does not end inside a multi-byte UTF-8 character. */
export function completeUtf8Length(bytes: Uint8Array): number {
  const i = bytes.length;
  // Walk back over at most 3 continuation bytes to the lead byte of the last character.
  let back = 0;
  while (back < 4 && i - back - 1 >= 0) {
    const b = bytes[i - back - 1] ?? 0;
    if ((b & 0xc0) !== 0x80) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      return back + 1 >= need ? i : i - back - 1;
    }
    back++;
  }
  return i;
}
