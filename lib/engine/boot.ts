import { getEnv, SettingsError } from "@/lib/env";
import { isBuildPhase } from "@/lib/env/engine";
import { logger } from "@/lib/logging";
import { keepDataPrivate } from "@/lib/storage/private-modes";

/**
 * Server start (instrumentation.ts, Node.js runtime): invalid settings stop the process with a
 * message naming each one; then the embedded engine starts unless Inngest runs the functions.
 */
export async function bootServer(): Promise<void> {
  try {
    getEnv();
  } catch (error) {
    if (error instanceof SettingsError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (isBuildPhase()) return;
  keepDataPrivate(getEnv().dataDir);
  const { startEmbeddedEngine } = await import("./embedded");
  try {
    await startEmbeddedEngine();
  } catch (error) {
    // The app still serves pages; /api/health reports the engine down.
    logger().error({ err: error }, "engine: the embedded engine could not start");
  }
}
