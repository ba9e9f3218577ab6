import type { NextConfig } from "next";
import { BASELINE_HEADERS } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // Parallel builds (tests, helpers) each get their own output folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native and WASM packages must be loaded by Node at run time, not bundled: PGlite keeps one
  // instance per process (shared by the app and the embedded engine), and the PDF/ML stack ships
  // binaries that a bundler cannot relocate.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/client",
    "@prisma/adapter-pg",
    "pg",
    "pino",
    "prom-client",
    "@node-rs/argon2",
    "onnxruntime-node",
    "@napi-rs/canvas",
    "pdfjs-dist",
    "pdf-lib",
    "inngest",
  ],
  poweredByHeader: false,
  // Every response, static files included; pages add their CSP in proxy.ts, API routes in lib/http.
  async headers() {
    return [{ source: "/:path*", headers: Object.entries(BASELINE_HEADERS).map(([key, value]) => ({ key, value })) }];
  },
  // Type checking is its own step (`npm run typecheck`, run by CI over every file, tests
  // included); `npm start` builds without repeating it.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
