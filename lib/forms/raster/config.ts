import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { getEnv } from "@/lib/env";
import type { ClassMap } from "./classes";
import { parseClassList } from "./classes";
import type { OutputLayout } from "./decode";

export const DEFAULT_MODEL = "models/conveyor-fields-v1.onnx";

export type DetectorConfig = {
  modelPath: string;
  classes: ClassMap;
  /** Square input side; undefined reads it from the model (fallback 640). */
  inputSize?: number;
  layout?: OutputLayout;
  scoreThreshold: number;
  nmsIou: number;
  /** ONNX Runtime intra-op threads. */
  threads: number;
};

export class DetectorConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DetectorConfigError";
  }
}

function readClasses(spec: string | undefined, modelPath: string): ClassMap {
  let text = spec;
  let source = "FORMS_MODEL_CLASSES";
  if (!text) {
    const sidecar = modelPath.replace(/\.onnx$/i, "") + ".classes.json";
    if (!fs.existsSync(sidecar)) {
      throw new DetectorConfigError(`no class list for ${modelPath}: set FORMS_MODEL_CLASSES or add ${path.basename(sidecar)}`);
    }
    text = fs.readFileSync(sidecar, "utf8");
    source = sidecar;
  } else if (/\.json$/i.test(text) || (!/^[[{]/.test(text) && fs.existsSync(text))) {
    source = path.resolve(text);
    text = fs.readFileSync(source, "utf8");
  }
  try {
    return parseClassList(text);
  } catch (error) {
    throw new DetectorConfigError(`invalid class list in ${source}: ${(error as Error).message}`);
  }
}

/** The detector settings from the environment (lib/env), with `overrides` taking precedence. */
export function detectorConfigFromEnv(overrides: Partial<DetectorConfig> = {}): DetectorConfig {
  const env = getEnv();
  const modelPath = path.resolve(overrides.modelPath ?? env.FORMS_MODEL_PATH ?? DEFAULT_MODEL);
  return {
    modelPath,
    classes: overrides.classes ?? readClasses(env.FORMS_MODEL_CLASSES, modelPath),
    inputSize: overrides.inputSize ?? env.FORMS_MODEL_INPUT_SIZE,
    layout: overrides.layout ?? (env.FORMS_MODEL_LAYOUT === "auto" ? undefined : env.FORMS_MODEL_LAYOUT),
    scoreThreshold: overrides.scoreThreshold ?? env.FORMS_RASTER_SCORE_THRESHOLD,
    nmsIou: overrides.nmsIou ?? env.FORMS_RASTER_NMS_IOU,
    threads: overrides.threads || env.FORMS_RASTER_THREADS || Math.min(2, os.availableParallelism()),
  };
}
