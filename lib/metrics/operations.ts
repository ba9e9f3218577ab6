import { defineOperation } from "@/lib/http/operation";

export const getMetricsOperation = defineOperation({
  method: "GET",
  path: "/api/metrics",
  summary: "Prometheus metrics",
  description:
    "Prometheus text exposition: jobs by kind and status, jobs in progress, job durations, HTTP request durations, " +
    "process metrics. When the METRICS_TOKEN setting is set, send `Authorization: Bearer <METRICS_TOKEN>`.",
  tags: ["Platform"],
  auth: "none",
  responses: {
    200: { description: "Metrics", contentType: "text/plain; version=0.0.4" },
    401: { description: "METRICS_TOKEN is set and the request did not present it" },
  },
});
