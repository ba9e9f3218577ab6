export { logger, setLoggerDestination, type Logger } from "./logger";
export { runWithRequestContext, currentRequestContext, type RequestContext } from "./context";
export { redact, redactString, REDACTED } from "./redact";
