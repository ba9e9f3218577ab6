import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseEnv, resetEnvCache, SettingsError } from "@/lib/env";
import { DEFAULT_MODEL, DetectorConfigError, detectorConfigFromEnv } from "./config";

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

function withEnv(vars: Record<string, string>) {
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
  resetEnvCache();
}

describe("forms model settings", () => {
  it("defaults: enabled, shipped model, threshold 0.4, NMS 0.5, auto threads and layout", () => {
    const env = parseEnv({});
    expect(env.FORMS_RASTER_ENABLED).toBe(true);
    expect(env.FORMS_MODEL_PATH).toBeUndefined();
    expect([env.FORMS_RASTER_SCORE_THRESHOLD, env.FORMS_RASTER_NMS_IOU, env.FORMS_RASTER_THREADS, env.FORMS_MODEL_LAYOUT]).toEqual([0.4, 0.5, 0, "auto"]);
  });

  it("rejects input sizes that are not multiples of 32 and thresholds outside 0..1", () => {
    expect(() => parseEnv({ FORMS_MODEL_INPUT_SIZE: "1000" })).toThrow(SettingsError);
    expect(() => parseEnv({ FORMS_RASTER_SCORE_THRESHOLD: "1.5" })).toThrow(SettingsError);
    expect(() => parseEnv({ FORMS_MODEL_LAYOUT: "ssd" })).toThrow(SettingsError);
    expect(parseEnv({ FORMS_MODEL_INPUT_SIZE: "1216" }).FORMS_MODEL_INPUT_SIZE).toBe(1216);
  });
});

describe("detectorConfigFromEnv", () => {
  it("uses the shipped model and its sidecar class list", () => {
    withEnv({});
    const config = detectorConfigFromEnv();
    expect(config.modelPath).toBe(path.resolve(DEFAULT_MODEL));
    expect(config.classes).toEqual(["text", "checkbox", "signature"]);
    expect(config.threads).toBeGreaterThanOrEqual(1);
    expect(config.threads).toBeLessThanOrEqual(2);
  });

  it("reads classes inline, as a comma list or from a JSON file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "classes-"));
    const file = path.join(dir, "ffdnet.json");
    fs.writeFileSync(file, JSON.stringify({ names: { 0: "TextBox", 1: "ChoiceButton", 2: "Signature" } }));
    withEnv({ FORMS_MODEL_PATH: path.join(dir, "ffdnet.onnx"), FORMS_MODEL_CLASSES: file, FORMS_RASTER_THREADS: "3", FORMS_MODEL_LAYOUT: "end2end" });
    expect(detectorConfigFromEnv()).toMatchObject({ classes: ["text", "checkbox", "signature"], threads: 3, layout: "end2end" });
    withEnv({ FORMS_MODEL_CLASSES: "TextBox,Label=ignore" });
    expect(detectorConfigFromEnv().classes).toEqual(["text", null]);
    withEnv({ FORMS_MODEL_CLASSES: '["signature"]' });
    expect(detectorConfigFromEnv({ threads: 1 })).toMatchObject({ classes: ["signature"], threads: 1 });
  });

  it("explains a missing or broken class list", () => {
    withEnv({ FORMS_MODEL_PATH: "/nowhere/model.onnx" });
    expect(() => detectorConfigFromEnv()).toThrow(DetectorConfigError);
    withEnv({ FORMS_MODEL_CLASSES: "Widget=banana" });
    expect(() => detectorConfigFromEnv()).toThrow(/invalid class list/);
  });
});
