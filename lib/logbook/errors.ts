import { AppError } from "@/lib/errors";
import { defineErrorTypes } from "@/lib/errors/codes";

/**
 * The logbook's error types, as `error.type` on a failed job, with the plain explanation the job
 * and logbook pages show. Messages are plain and never hold a password, a cookie or a response
 * body (they reach the timeline and logs).
 */
export const logbookErrors = defineErrorTypes({
  AuthenticationError: { status: 422, explanation: "8a.nu refused the user name or password. Check them on 8a.nu and connect again." },
  ProfileNotFoundError: { status: 422, explanation: "Mountain Project answered that this profile does not exist. Check the address (open it in a browser)." },
  DataSourceError: { status: 502, explanation: "The site was down, too slow, or sent something we could not read, even after retrying. Try again later." },
  ReconnectRequiredError: { status: 422, explanation: "Your 8a.nu password is never stored, and this run could no longer use it. Connect again." },
  SourceRemovedError: { status: 404, explanation: "The logbook source was removed while it synced, so the sync stopped." },
});

export type LogbookErrorType = Exclude<keyof typeof logbookErrors.table, "SourceRemovedError">;

/** Retrying cannot help these: the site answered, and the answer is final. */
const PERMANENT: ReadonlySet<string> = new Set(["AuthenticationError", "ProfileNotFoundError", "ReconnectRequiredError"]);

export class LogbookError extends AppError {
  constructor(type: LogbookErrorType, message: string) {
    super(type, message, logbookErrors.table[type].status);
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
