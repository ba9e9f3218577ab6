import { AsyncLocalStorage } from "node:async_hooks";

/** What `authorize` learns that next-auth cannot carry back to the route: a rate-limit wait. */
export type SignInAttempt = { retryAfterSeconds?: number };

const KEY = Symbol.for("conveyor.sign-in-attempt");
type Holder = { [KEY]?: AsyncLocalStorage<SignInAttempt> };
const storage = ((globalThis as Holder)[KEY] ??= new AsyncLocalStorage<SignInAttempt>());

export function runSignInAttempt<T>(attempt: SignInAttempt, fn: () => T): T {
  return storage.run(attempt, fn);
}

export function currentSignInAttempt(): SignInAttempt | undefined {
  return storage.getStore();
}

/** The error code next-auth puts in `?error=` when a sign-in is rate limited. */
export const RATE_LIMITED = "RateLimited";
