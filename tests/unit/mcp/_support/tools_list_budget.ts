/** What Claude loads before the first message: tools/list on the wire stays under 60 KB; the aim is well below. */
export const MAX_TOOLS_LIST_BYTES = 61_440;
