// GET /api/v1/openapi.json – the OpenAPI 3.1 document of this API
import { apiRoute } from "@/lib/api";
import { getOpenApiDocument } from "@/lib/openapi/document";
import { getOpenApiDocumentOperation } from "@/lib/openapi/operations";

export const GET = apiRoute(getOpenApiDocumentOperation, async () => getOpenApiDocument());
