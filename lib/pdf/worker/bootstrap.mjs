// Entry point of a forms worker thread. Plain ESM so Node starts it without a build step (Next.js
// never bundles it); it loads the TypeScript worker through tsx, which also resolves "@/" paths.
import { createRequire } from "node:module";
import { workerData } from "node:worker_threads";

// pdf.js (about 3 MB of JavaScript) is loaded natively before tsx's hooks exist: through tsx's
// transform it costs some 400 MB of memory per thread instead of 60. lib/pdf/pdfjs.ts picks it up
// from globalThis, and pdf.js finds its "worker" (run on this thread) as globalThis.pdfjsWorker.
const pdfjs = import("pdfjs-dist/legacy/build/pdf.mjs");
globalThis[Symbol.for("conveyor.pdf.pdfjs")] = pdfjs;
globalThis.pdfjsWorker = await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
await pdfjs;

// tsx's CommonJS hook runs on this thread; its ESM hooks would start one more loader thread (a
// whole V8 isolate) per worker.
const require = createRequire(import.meta.url);
require("tsx/cjs/api").register();
require(workerData.entry);
