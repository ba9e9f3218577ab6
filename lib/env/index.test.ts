import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDurationMs } from "./parsers";
import { parseEnv, SettingsError } from "./index";

function problemsOf(vars: Record<string, string>): string[] {
  try {
    parseEnv(vars);
  } catch (error) {
    if (error instanceof SettingsError) return error.problems;
    throw error;
  }
  return [];
}

describe("settings", () => {
  it("runs with no settings at all: PGlite in ./.data on port 3000", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.dataDir).toBe(path.resolve(".data"));
    expect(env.appUrl).toBe("http://localhost:3000");
  });

  it("names every invalid value, and only those", () => {
    const problems = problemsOf({ PORT: "99999", DATABASE_URL: "mysql://x", LOG_LEVEL: "loud", APP_URL: "not a url" });
    const named = problems.map((p) => p.split(":")[0]).sort();
    expect(named).toEqual(["APP_URL", "DATABASE_URL", "LOG_LEVEL", "PORT"]);
  });

  it("treats empty values as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", APP_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it("requires SSO settings together", () => {
    const problems = problemsOf({ OIDC_ISSUER: "https://id.example.com" });
    expect(problems.join("\n")).toMatch(/OIDC_CLIENT_ID/);
  });

  it("parses durations strictly", () => {
    expect(parseDurationMs("1h30m")).toBe(5_400_000);
    expect(parseDurationMs("90")).toBe(90_000);
    expect(parseDurationMs("1x")).toBeUndefined();
    expect(parseDurationMs("5m garbage")).toBeUndefined();
  });

  it("stops `npm start` before anything else, naming the bad setting", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "tools/start.ts"], {
      cwd: path.resolve(__dirname, "..", ".."),
      env: { ...process.env, PORT: "not-a-port", DATABASE_URL: "" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Invalid settings:[\s\S]*PORT/);
    expect(result.stdout).not.toMatch(/Building/);
  });
});

describe(".env.example", () => {
  it("lists every setting, and nothing that is not one", async () => {
    const { SETTING_NAMES } = await import("./index");
    const fs = await import("node:fs");
    const text = fs.readFileSync(path.resolve(__dirname, "..", "..", ".env.example"), "utf8");
    const listed = [...text.matchAll(/^#?\s?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect([...listed].sort()).toEqual([...SETTING_NAMES].sort());
  });
});
