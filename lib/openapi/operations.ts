import { z } from "zod";
import { defineOperation } from "@/lib/http/operation";

export const getOpenApiDocumentOperation = defineOperation({
  method: "GET",
  path: "/api/v1/openapi.json",
  summary: "The OpenAPI document",
  description: "This API as an OpenAPI 3.1 document, generated from the schemas the handlers validate with. Public.",
  tags: ["Platform"],
  auth: "none",
  responses: {
    200: {
      description: "OpenAPI 3.1 document",
      schema: z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.looseObject({}) }),
    },
  },
});
