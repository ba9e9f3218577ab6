/**
 * Runs once when the server starts. NEXT_RUNTIME is read here (not through lib/env) because Next
 * replaces it at compile time: the Edge bundle drops the Node.js-only branch entirely.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Before Next handles a request: route handlers get the TCP peer's address (client IP limits).
  const { installPeerAddressHook } = await import("./lib/rate-limit/peer-address");
  installPeerAddressHook();
  const { bootServer } = await import("./lib/engine/boot");
  await bootServer();
}
