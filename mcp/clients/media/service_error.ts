import type { Result } from "../../../shared/result.ts";

/** What went wrong talking to a media service; callers branch on `kind`, never on exception classes. */
export type ServiceErrorKind = "unreachable" | "timeout" | "auth" | "http" | "decode";

export interface ServiceError {
  service: string;
  kind: ServiceErrorKind;
  status?: number;
  message: string;
}

export type ServiceResult<T> = Result<T, ServiceError>;

export function serviceError(
  service: string,
  kind: ServiceErrorKind,
  message: string,
  status?: number,
): ServiceError {
  return status === undefined ? { service, kind, message } : { service, kind, status, message };
}
