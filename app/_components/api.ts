/**
 * The browser side of the JSON API: same-origin fetch with the session cookie, and one error
 * class carrying the API's `{error: {type, message, details?}, request_id}` shape.
 */
export type FieldError = { path?: string; message: string; code?: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly details?: FieldError[] | Record<string, unknown>,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** Field errors keyed by the last segment of their path (`body.email` -> `email`). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    if (!Array.isArray(this.details)) return out;
    for (const d of this.details) {
      const key = d.path?.split(".").pop();
      if (key && !(key in out)) out[key] = d.message;
    }
    return out;
  }
}

type Options = Omit<RequestInit, "body"> & { json?: unknown; signal?: AbortSignal };

async function errorFrom(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as {
    error?: { type?: string; message?: string; details?: ApiError["details"] };
    request_id?: string;
  } | null;
  if (body?.error?.message) {
    return new ApiError(res.status, body.error.type ?? "Error", body.error.message, body.error.details, body.request_id);
  }
  return new ApiError(res.status, "HttpError", `The server answered ${res.status} ${res.statusText}`.trim());
}

/** Calls the API; resolves with the JSON body (undefined for 204) or throws ApiError. */
export async function api<T = unknown>(path: string, { json, headers, ...init }: Options = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      credentials: "same-origin",
      cache: "no-store",
      ...init,
      headers: { accept: "application/json", ...(json === undefined ? {} : { "content-type": "application/json" }), ...headers },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ApiError(0, "NetworkError", "Could not reach the server; check your connection and try again");
  }
  // The session ended (signed out elsewhere, revoked, expired): polling pages would otherwise
  // keep failing quietly. Off to sign in, and back here afterwards.
  if (res.status === 401 && typeof window !== "undefined" && !window.location.pathname.startsWith("/sign-")) {
    const back = `${window.location.pathname}${window.location.search}`;
    window.location.replace(`/sign-in?callbackUrl=${encodeURIComponent(back)}`);
  }
  if (!res.ok) throw await errorFrom(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A message for any thrown value, for toasts and error boxes. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong";
}
