import { loadEnvConfig } from "@next/env";

/**
 * Loads .env files into process.env the way `next start` does (.env.production.local,
 * .env.local, .env.production, .env), so processes that start outside Next — `npm start`'s
 * settings check, the standalone engine, workers — see the same settings as the server.
 */
export function loadDotenvFiles(dir = process.cwd()): void {
  loadEnvConfig(dir, false, { info: () => {}, error: (...args: unknown[]) => console.error(...args) });
}
