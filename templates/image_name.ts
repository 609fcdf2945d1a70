// deno-fmt-ignore-file -- the HTML inside the templates is laid out by hand
/**
 * An image reference that wraps only after `/`, `:` and `@`: each part is an unbreakable span, a <wbr> follows
 * each separator, and the tag (or digest) is de-emphasised. `lscr.io/linuxserver/sonarr:latest` never breaks
 * inside `linuxserver`. Pure.
 */
import { type Html, html } from "./html.ts";

/** Splits after every `/`, `:` and `@`: `["lscr.io/", "linuxserver/", "sonarr:", "latest"]`. */
export function imageParts(image: string): string[] {
  return image.match(/[^/:@]+[/:@]?|[/:@]/g) ?? [];
}

/** Where the tag or digest starts: the first `:` or `@` after the last `/`; -1 without one. */
function tagStart(image: string): number {
  const slash = image.lastIndexOf("/");
  const at = image.indexOf("@", slash + 1);
  const colon = image.indexOf(":", slash + 1);
  const marks = [at, colon].filter((i) => i >= 0);
  return marks.length === 0 ? -1 : Math.min(...marks);
}

function segments(text: string): Html[] {
  return imageParts(text).map((p, i) => html`${i > 0 ? html`<wbr>` : ""}<span class="seg">${p}</span>`);
}

export function imageName(image: string): Html {
  const cut = tagStart(image);
  if (cut < 0) return html`<span class="image-name" title="${image}">${segments(image)}</span>`;
  // The separator stays with the name (`sonarr:`), so the break falls before the tag.
  return html`<span class="image-name" title="${image}">${segments(image.slice(0, cut + 1))}<wbr><span class="image-tag">${segments(image.slice(cut + 1))}</span></span>`;
}
