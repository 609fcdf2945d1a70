/** A service response body as text, capped: the shared reader (shared/capped_body.ts) plus lenient decoding. */
import { BodyTooLargeError, readCappedBytes } from "../../../shared/capped_body.ts";

export { BodyTooLargeError };

export async function readCappedBody(response: Response, maxBytes: number): Promise<string> {
  const bytes = await readCappedBytes(response.body, response.headers.get("content-length"), maxBytes);
  return new TextDecoder().decode(bytes);
}
