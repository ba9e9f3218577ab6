export { json, noContent } from "./json";
export { defineOperation, type Operation, type HttpMethod } from "./operation";
export { errorResponse, toAppError, zodDetails, type ErrorBody } from "./error-response";
export { readJsonBody, readLimitedRaw, readLimitedText } from "./read-body";
export {
  readSignedBody,
  signatureHeaders,
  checkSignature,
  computeSignature,
  invalidSignature,
  SIGNATURE_TOLERANCE_SECONDS,
  type SignatureProblem,
  type VerifiedBody,
} from "./signed-webhook";
export { requestIdFor } from "./request-id";
