import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": import.meta.dirname } },
  test: {
    include: ["{lib,inngest,app,tools,bench}/**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next*/**"],
    environment: "node",
    // Each file runs in its own process: PGlite instances and globals never leak between files.
    pool: "forks",
    globalSetup: ["./vitest.global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: "test", LOG_LEVEL: "silent" },
  },
});
