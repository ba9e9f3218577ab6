import fs from "node:fs";
import type { InferenceSession } from "onnxruntime-node";
import { logger } from "@/lib/logging";
import type { DetectedField, PageSize } from "../types";
import { type DetectorConfig, DetectorConfigError, detectorConfigFromEnv } from "./config";
import { decodeOutput, detectLayout } from "./decode";
import { letterbox, type RgbaImage } from "./letterbox";
import { inputBoxToPage } from "./map-boxes";
import { nms } from "./nms";

export type Detector = {
  config: DetectorConfig;
  session: InferenceSession;
  inputName: string;
  outputName: string;
  inputSize: number;
};

const CACHE = Symbol.for("conveyor.forms.detectors");
type Holder = { [CACHE]?: Map<string, Promise<Detector>> };

/** Text fields at least this tall (points) are reported multiline: a single line is 12-30 pt. */
export const MULTILINE_MIN_HEIGHT = 34;

async function createDetector(config: DetectorConfig): Promise<Detector> {
  if (!fs.existsSync(config.modelPath)) throw new DetectorConfigError(`detector model not found: ${config.modelPath}`);
  const ort = await import("onnxruntime-node");
  const started = performance.now();
  const session = await ort.InferenceSession.create(config.modelPath, {
    intraOpNumThreads: config.threads,
    interOpNumThreads: 1,
    executionMode: "sequential",
    graphOptimizationLevel: "all",
  });
  const [input] = session.inputMetadata;
  const dims = input?.isTensor ? input.shape : [];
  const fixed = typeof dims[2] === "number" && dims[2] > 0 && dims[2] === dims[3] ? (dims[2] as number) : undefined;
  const inputSize = config.inputSize ?? fixed ?? 640;
  if (fixed && config.inputSize && fixed !== config.inputSize) {
    throw new DetectorConfigError(`the model takes ${fixed}x${fixed} inputs, FORMS_MODEL_INPUT_SIZE is ${config.inputSize}`);
  }
  logger().info(
    { model: config.modelPath, input_size: inputSize, classes: config.classes, threads: config.threads, ms: Math.round(performance.now() - started) },
    "forms raster detector loaded",
  );
  return { config, session, inputName: session.inputNames[0], outputName: session.outputNames[0], inputSize };
}

/**
 * The detector for `overrides` merged over the environment's settings, created once per process
 * or worker thread (each thread has its own globalThis) and shared by every later call.
 */
export function loadDetector(overrides: Partial<DetectorConfig> = {}): Promise<Detector> {
  const config = detectorConfigFromEnv(overrides);
  const key = JSON.stringify(config);
  const g = globalThis as Holder;
  const cache = (g[CACHE] ??= new Map());
  let detector = cache.get(key);
  if (!detector) {
    detector = createDetector(config);
    cache.set(key, detector);
    detector.catch(() => cache.delete(key));
  }
  return detector;
}

/** The render scale (pixels per point) that makes a page fill the detector's input without resampling. */
export function rasterRenderScale(detector: Pick<Detector, "inputSize">, page: PageSize): number {
  return detector.inputSize / Math.max(page.width, page.height);
}

export type DetectTimings = { preMs: number; inferMs: number; postMs: number };

/**
 * Fields on one rendered page. `image` may be any resolution (it is letterboxed to the input size);
 * rendering at `rasterRenderScale` skips resampling and matches the training data exactly.
 * Pre- and post-processing run on the calling thread (~10 ms); inference runs on ONNX Runtime's
 * own threads, so call this from a worker to keep a server's event loop free.
 */
export async function detectFields(
  detector: Detector,
  image: RgbaImage,
  page: { index: number; size: PageSize },
  options: { scoreThreshold?: number; timings?: DetectTimings } = {},
): Promise<DetectedField[]> {
  const { config, inputSize } = detector;
  const t0 = performance.now();
  const { tensor, geometry } = letterbox(image, inputSize);
  const { Tensor } = await import("onnxruntime-node");
  const t1 = performance.now();
  const result = await detector.session.run({ [detector.inputName]: new Tensor("float32", tensor, [1, 3, inputSize, inputSize]) });
  const t2 = performance.now();
  const output = result[detector.outputName];
  const dims = output.dims;
  const { numClasses } = detectLayout(dims, config.layout === "end2end" ? undefined : config.classes.length);
  if (config.layout !== "end2end" && numClasses !== config.classes.length) {
    throw new DetectorConfigError(`the model predicts ${numClasses} classes, the class list names ${config.classes.length}`);
  }
  const raw = decodeOutput(output.data as Float32Array, dims, {
    scoreThreshold: options.scoreThreshold ?? config.scoreThreshold,
    numClasses: config.classes.length,
    layout: config.layout,
  }).filter((d) => config.classes[d.classIndex]);
  // Per-class suppression, then a looser cross-class pass: one spot is one field.
  const kept = nms(nms(raw, { iouThreshold: config.nmsIou }), { iouThreshold: 0.7, classAgnostic: true });
  const fields: DetectedField[] = [];
  for (const d of kept) {
    const box = inputBoxToPage(d, geometry, image, page.size);
    if (box.width < 2 || box.height < 2) continue;
    const type = config.classes[d.classIndex]!;
    const field: DetectedField = { page: page.index, box, type, score: d.score, source: "raster" };
    if (type === "text" && box.height >= MULTILINE_MIN_HEIGHT) field.multiline = true;
    fields.push(field);
  }
  if (options.timings) Object.assign(options.timings, { preMs: t1 - t0, inferMs: t2 - t1, postMs: performance.now() - t2 });
  output.dispose?.();
  return fields;
}
