import { defineOperation } from "@/lib/http/operation";
import { healthSchema } from "./schemas";

export const getHealthOperation = defineOperation({
  method: "GET",
  path: "/api/health",
  summary: "Health check",
  description:
    "Checks the database, file storage and the engine. Public; reveals states and latencies only. " +
    "Use it for load balancer and container health checks.",
  tags: ["Platform"],
  auth: "none",
  responses: {
    200: { description: "Healthy or degraded", schema: healthSchema },
    503: { description: "Down: the database or storage failed, or the engine is down", schema: healthSchema },
  },
});
