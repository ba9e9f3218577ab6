import { describe, expect, it } from "vitest";
import { parseEnv, SettingsError } from "./index";

const problemsOf = (vars: Record<string, string>) => {
  try {
    parseEnv(vars);
  } catch (error) {
    if (error instanceof SettingsError) return error.problems;
    throw error;
  }
  return [];
};

describe("relay settings", () => {
  it("are optional: without them the relay is simply off", () => {
    const env = parseEnv({});
    expect(env.RELAY_N8N_WEBHOOK_URL).toBeUndefined();
    expect(env.RELAY_SIGNING_SECRET).toBeUndefined();
    expect(env.RELAY_CALLBACK_TIMEOUT).toBe(15 * 60_000);
    expect(env.RELAY_RETENTION).toBe(24 * 3_600_000);
    expect(env.RELAY_MAX_BYTES).toBe(20_000_000);
  });

  it("stop the app naming each value that is set but invalid", () => {
    const problems = problemsOf({
      RELAY_N8N_WEBHOOK_URL: "n8n.local/webhook/x",
      RELAY_SIGNING_SECRET: "short",
      RELAY_NOTION_DATABASE_ID: "my database",
      RELAY_MAX_BYTES: "50MB",
      RELAY_CALLBACK_TIMEOUT: "soon",
      RELAY_RETENTION: "forever",
    });
    for (const name of ["RELAY_N8N_WEBHOOK_URL", "RELAY_SIGNING_SECRET", "RELAY_NOTION_DATABASE_ID", "RELAY_MAX_BYTES", "RELAY_CALLBACK_TIMEOUT", "RELAY_RETENTION"]) {
      expect(problems.some((p) => p.startsWith(`${name}:`)), `${name} in ${problems.join("; ")}`).toBe(true);
    }
    expect(problemsOf({ RELAY_N8N_WEBHOOK_URL: "ftp://n8n.local/webhook/x" })[0]).toMatch(/^RELAY_N8N_WEBHOOK_URL: must be an http/);
  });

  it("accept a full configuration", () => {
    const env = parseEnv({
      RELAY_N8N_WEBHOOK_URL: "https://n8n.example.com/webhook/conveyor-notion-relay",
      RELAY_SIGNING_SECRET: "a".repeat(64),
      RELAY_NOTION_DATABASE_ID: "01234567-89ab-cdef-0123-456789abcdef",
      RELAY_MAX_BYTES: "5MB",
      RELAY_CALLBACK_TIMEOUT: "30m",
    });
    expect(env.RELAY_MAX_BYTES).toBe(5_000_000);
    expect(env.RELAY_CALLBACK_TIMEOUT).toBe(30 * 60_000);
  });
});
