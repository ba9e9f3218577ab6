import { z } from "zod";
import { ENGINE_PROBLEM_CODES, type EngineProblemCode } from "./engine-problems";

const checkStatus = z.enum(["ok", "down"]);

export const healthSchema = z
  .object({
    status: z.enum(["ok", "degraded", "down"]).meta({ description: "down (503) when the database or storage fails or the engine is down" }),
    checks: z.object({
      database: z.object({ status: checkStatus, latency_ms: z.number().min(0) }),
      storage: z.object({ status: checkStatus, latency_ms: z.number().min(0) }),
      engine: z
        .looseObject({
          status: z.enum(["ok", "degraded", "down", "disabled"]).meta({
            description: "disabled: functions run on Inngest Cloud or an external Inngest server, which this check does not probe",
          }),
          problems: z
            .array(z.enum(Object.keys(ENGINE_PROBLEM_CODES) as [EngineProblemCode, ...EngineProblemCode[]]))
            .optional()
            .meta({
              description: `What is wrong when degraded or down, by code (details are in the server log): ${Object.entries(ENGINE_PROBLEM_CODES)
                .map(([code, text]) => `\`${code}\`: ${text}`)
                .join("; ")}`,
            }),
        })
        .meta({ description: "The embedded engine's state, with numeric details such as queue depth" }),
      pipelines: z
        .record(z.string(), z.looseObject({ status: z.enum(["ok", "degraded", "off"]) }))
        .optional()
        .meta({ description: "Scheduled pipelines: degraded when no run succeeded within two intervals; off when not configured" }),
    }),
  })
  .meta({ id: "Health" });

export type HealthReport = z.infer<typeof healthSchema>;
