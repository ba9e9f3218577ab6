import { AsyncLocalStorage } from "node:async_hooks";

/** What every log line written while serving one request carries. */
export type RequestContext = { requestId: string; userId?: string; workspaceId?: string };

const KEY = Symbol.for("conveyor.request-context");
type Holder = { [KEY]?: AsyncLocalStorage<RequestContext> };

// One store per process, even when Next.js loads this module in several bundles.
const storage = ((globalThis as Holder)[KEY] ??= new AsyncLocalStorage<RequestContext>());

export function runWithRequestContext<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}
