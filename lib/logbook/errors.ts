import { AppError } from "@/lib/errors";

/**
 * The logbook's failure types, as `error.type` on a failed job. Messages are plain and never hold
 * a password, a cookie or a response body (they reach the timeline and logs).
 */
export const LOGBOOK_ERROR_TYPES = [
  "AuthenticationError",
  "ProfileNotFoundError",
  "DataSourceError",
  "ReconnectRequiredError",
] as const;
export type LogbookErrorType = (typeof LOGBOOK_ERROR_TYPES)[number];

/** Retrying cannot help these: the site answered, and the answer is final. */
const PERMANENT: ReadonlySet<string> = new Set(["AuthenticationError", "ProfileNotFoundError", "ReconnectRequiredError"]);

export class LogbookError extends AppError {
  constructor(type: LogbookErrorType, message: string) {
    super(type, message, type === "DataSourceError" ? 502 : 422);
  }
  get permanent(): boolean {
    return PERMANENT.has(this.type);
  }
}

export const authenticationFailed = () =>
  new LogbookError("AuthenticationError", "8a.nu did not accept the user name and password");
export const profileNotFound = () =>
  new LogbookError("ProfileNotFoundError", "Mountain Project has no profile at that address");
export const dataSourceError = (message: string) => new LogbookError("DataSourceError", message);
export const reconnectRequired = () =>
  new LogbookError(
    "ReconnectRequiredError",
    "The 8a.nu password is only kept in memory for a few minutes and was not available to this run (it expired, or another worker or a restart picked the job up); connect again and enter it once more",
  );

/** Plain explanations the page shows beside each type. */
export const LOGBOOK_ERROR_HELP: Record<LogbookErrorType, string> = {
  AuthenticationError: "8a.nu refused the user name or password. Check them on 8a.nu and connect again.",
  ProfileNotFoundError: "Mountain Project answered that this profile does not exist. Check the address (open it in a browser).",
  DataSourceError: "The site was down, too slow, or sent something we could not read, even after retrying. Try again later.",
  ReconnectRequiredError: "Your 8a.nu password is never stored, and this run could no longer use it. Connect again.",
};
