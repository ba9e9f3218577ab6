import { defineOperation } from "@/lib/http/operation";
import {
  jobEventListSchema,
  jobIdParamsSchema,
  jobListSchema,
  jobSchema,
  listJobEventsQuerySchema,
  listJobsQuerySchema,
} from "./schemas";

const notFoundJob = { description: "No such job in this workspace (also for other workspaces' jobs)" };

export const listJobsOperation = defineOperation({
  method: "GET",
  path: "/api/v1/jobs",
  summary: "List jobs",
  description: "The workspace's jobs, newest first, optionally filtered by kind and status. Cursor-paginated.",
  tags: ["Jobs"],
  permission: "jobs.read",
  query: listJobsQuerySchema,
  responses: { 200: { description: "A page of jobs", schema: jobListSchema } },
});

export const getJobOperation = defineOperation({
  method: "GET",
  path: "/api/v1/jobs/{id}",
  summary: "Get a job",
  description: "Status, stage and progress of one job; `download_url` appears once its result can be downloaded.",
  tags: ["Jobs"],
  permission: "jobs.read",
  params: jobIdParamsSchema,
  responses: { 200: { description: "The job", schema: jobSchema }, 404: notFoundJob },
});

export const listJobEventsOperation = defineOperation({
  method: "GET",
  path: "/api/v1/jobs/{id}/events",
  summary: "List a job's events",
  description: "The job's timeline in order. Poll with `after` set to the last id you saw.",
  tags: ["Jobs"],
  permission: "jobs.read",
  params: jobIdParamsSchema,
  query: listJobEventsQuerySchema,
  responses: { 200: { description: "Events, oldest first", schema: jobEventListSchema }, 404: notFoundJob },
});

export const getJobResultOperation = defineOperation({
  method: "GET",
  path: "/api/v1/jobs/{id}/result",
  summary: "Download a job's result",
  description:
    "Streams the result artifact with its content type and file name (`Content-Disposition: attachment`). " +
    "The body is sent with chunked transfer encoding (the Next.js server drops `Content-Length` from streamed " +
    "responses): the size is in `X-File-Size`, and `ETag` is the SHA-256 of the bytes, to check a download is complete. " +
    "409 until the job succeeded, 410 once retention deleted the result.",
  tags: ["Jobs"],
  permission: "jobs.read",
  params: jobIdParamsSchema,
  responses: {
    200: { description: "The result file", contentType: "application/octet-stream" },
    404: notFoundJob,
    409: { description: "The job has not succeeded (yet)" },
    410: { description: "Retention deleted the result" },
  },
});

export const deleteJobOperation = defineOperation({
  method: "DELETE",
  path: "/api/v1/jobs/{id}",
  summary: "Delete a job",
  description: "Cancels the job if it is still running, then deletes it with its uploads, artifacts and events.",
  tags: ["Jobs"],
  permission: "jobs.delete",
  params: jobIdParamsSchema,
  responses: { 204: { description: "Deleted" }, 404: notFoundJob },
});

const SYSTEM = "Instance operators only (OPERATOR_EMAILS): system jobs belong to no workspace (instance-level pipelines such as the contracts aggregation).";

export const listSystemJobsOperation = defineOperation({
  method: "GET",
  path: "/api/v1/system/jobs",
  summary: "List system jobs",
  description: `${SYSTEM} Newest first, optionally filtered by kind and status. Cursor-paginated.`,
  tags: ["Jobs"],
  operators: true,
  query: listJobsQuerySchema,
  responses: { 200: { description: "A page of system jobs", schema: jobListSchema } },
});

export const getSystemJobOperation = defineOperation({
  method: "GET",
  path: "/api/v1/system/jobs/{id}",
  summary: "Get a system job",
  description: `${SYSTEM} Status, stage, progress and message of one.`,
  tags: ["Jobs"],
  operators: true,
  params: jobIdParamsSchema,
  responses: { 200: { description: "The job", schema: jobSchema }, 404: notFoundJob },
});

export const listSystemJobEventsOperation = defineOperation({
  method: "GET",
  path: "/api/v1/system/jobs/{id}/events",
  summary: "List a system job's events",
  description: `${SYSTEM} The timeline in order; poll with \`after\` set to the last id you saw.`,
  tags: ["Jobs"],
  operators: true,
  params: jobIdParamsSchema,
  query: listJobEventsQuerySchema,
  responses: { 200: { description: "Events, oldest first", schema: jobEventListSchema }, 404: notFoundJob },
});
