/** Reads arr-helper's answer to `info` (JSON text) into HelperInfo; the error says what was wrong with it. */
import { HelperInfo } from "../../../shared/helper_protocol.ts";
import { err, ok, type Result } from "../../../shared/result.ts";

export function parseHelperInfo(output: string): Result<HelperInfo, string> {
  let json: unknown;
  try {
    json = JSON.parse(output);
  } catch {
    return err("arr-helper answered info with non-JSON output");
  }
  const parsed = HelperInfo.safeParse(json);
  return parsed.success ? ok(parsed.data) : err("arr-helper answered info in an unexpected shape");
}
