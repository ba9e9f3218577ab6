import { describe, expect, it } from "vitest";
import { parseEnv, SettingsError } from "./index";

describe("forms settings", () => {
  it("has defaults: 25 MB, 500 pages, 144 DPI, one worker per core, 24 hours", () => {
    const env = parseEnv({});
    expect([env.FORMS_MAX_BYTES, env.FORMS_MAX_PAGES, env.FORMS_DPI, env.FORMS_CONCURRENCY, env.FORMS_RETENTION]).toEqual([25_000_000, 500, 144, 0, 86_400_000]);
  });

  it("reads sizes, counts and durations", () => {
    const env = parseEnv({ FORMS_MAX_BYTES: "10MiB", FORMS_MAX_PAGES: "50", FORMS_DPI: "200", FORMS_CONCURRENCY: "2", FORMS_RETENTION: "36h" });
    expect([env.FORMS_MAX_BYTES, env.FORMS_MAX_PAGES, env.FORMS_DPI, env.FORMS_CONCURRENCY, env.FORMS_RETENTION]).toEqual([10 * 1024 ** 2, 50, 200, 2, 36 * 3_600_000]);
  });

  it("names every bad value", () => {
    expect(() => parseEnv({ FORMS_MAX_BYTES: "lots", FORMS_DPI: "10" })).toThrow(SettingsError);
    try {
      parseEnv({ FORMS_MAX_BYTES: "lots", FORMS_DPI: "10" });
    } catch (error) {
      expect((error as SettingsError).problems.join("\n")).toMatch(/FORMS_MAX_BYTES[\s\S]*FORMS_DPI|FORMS_DPI[\s\S]*FORMS_MAX_BYTES/);
    }
  });
});
