export { apiRoute, json, noContent, type HandlerContext } from "./api-route";
export { defineOperation, type Operation, type HttpMethod } from "./operation";
export { errorResponse, toAppError, zodDetails, type ErrorBody } from "./error-response";
export { readJsonBody, readLimitedText } from "./read-body";
export { requestIdFor } from "./request-id";
