import path from "node:path";
import { defineConfig } from "@playwright/test";
import { OIDC_ISSUER, OIDC_PORT, oidcAppSettings } from "./e2e/fixtures/oidc-config";
import { N8N_PORT, relayAppSettings } from "./e2e/fixtures/relay-config";

/**
 * Browser tests against the built app (`npm run test:e2e`). The app is built once when sources
 * changed (tools/build-if-needed.ts) and served with a throwaway DATA_DIR; with TEST_DATABASE_URL
 * set it runs on a fresh PostgreSQL database instead of PGlite (see e2e/support/serve-app.ts).
 */
const PORT = Number(process.env.E2E_PORT ?? 3210);
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  testMatch: /.*\.spec\.ts$/,
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { outputFolder: "playwright-report", open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    screenshot: "on",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
    },
  },
  webServer: [
    {
      command: `npx tsx ${path.join("e2e", "support", "serve-app.ts")}`,
      url: `http://127.0.0.1:${PORT}/api/health`,
      // SIGTERM (not the default SIGKILL) lets serve-app drop its database and data folder.
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
      timeout: 600_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      // The logbook spec serves its Mountain Project stand-in on PORT + 3 (PORT + 2 is the n8n stand-in).
      env: { E2E_PORT: String(PORT), LOGBOOK_MP_BASE_URL: `http://127.0.0.1:${PORT + 3}`, ...oidcAppSettings(), ...relayAppSettings() },
    },
    {
      // The OpenID Connect provider e2e/sso.spec.ts signs in through.
      command: `npx tsx ${path.join("e2e", "fixtures", "oidc-server.ts")}`,
      url: `${OIDC_ISSUER}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: { E2E_PORT: String(PORT), E2E_OIDC_PORT: String(OIDC_PORT) },
    },
    {
      // The stand-in n8n workflow e2e/relay.spec.ts relays images through.
      command: `npx tsx ${path.join("e2e", "fixtures", "n8n-server.ts")}`,
      url: `http://127.0.0.1:${N8N_PORT}/healthz`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: { E2E_PORT: String(PORT) },
    },
  ],
});
