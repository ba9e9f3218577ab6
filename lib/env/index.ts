import path from "node:path";
import { z } from "zod";
import { coreSettings } from "./core";
import { engineSettings } from "./engine";
import { storageSettings } from "./storage";
import { authSettings, checkAuthSettings } from "./auth";
import { formsModelSettings } from "./forms-model";
import { formsSettings } from "./forms";
import { pdfSettings } from "./pdf";
import { logbookSettings } from "./logbook";
import { contractsSettings } from "./contracts";
import { checkRelaySettings, relaySettings } from "./relay";
import { documentsSettings } from "./documents";

const settingsSchema = z.object({
  ...coreSettings,
  ...engineSettings,
  ...storageSettings,
  ...authSettings,
  ...formsModelSettings,
  ...formsSettings,
  ...pdfSettings,
  ...logbookSettings,
  ...contractsSettings,
  ...relaySettings,
  ...documentsSettings,
})
  .superRefine(checkAuthSettings)
  .superRefine(checkRelaySettings);

/** Every setting's name (`.env.example` must list each one). */
export const SETTING_NAMES: readonly string[] = Object.keys(settingsSchema.shape);

export type Env = z.infer<typeof settingsSchema> & {
  /** DATA_DIR resolved to an absolute path. */
  dataDir: string;
  /** APP_URL, or http://localhost:PORT. */
  appUrl: string;
};

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "SettingsError";
  }
}

/** Validates a set of variables; throws SettingsError naming every bad one. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = settingsSchema.safeParse(source);
  if (!result.success) {
    throw new SettingsError(result.error.issues.map((i) => `${i.path.join(".") || "(settings)"}: ${i.message}`));
  }
  const env = result.data;
  return {
    ...env,
    dataDir: path.resolve(env.DATA_DIR),
    appUrl: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ""),
  };
}

const CACHE = Symbol.for("conveyor.env");
type Cache = { [CACHE]?: Env };

/** The validated settings of this process, read once. */
export function getEnv(): Env {
  const g = globalThis as Cache;
  return (g[CACHE] ??= parseEnv(process.env));
}

/** Tests change variables and re-read them. */
export function resetEnvCache(): void {
  delete (globalThis as Cache)[CACHE];
}
