export { relayConfig, relayEnabled, type RelayConfig } from "./settings";
export { RELAY_ERRORS, RELAY_JOB_KIND, RelayJobError, type RelayErrorType } from "./errors";
export { acceptRelayUpload, type QueueRelayJob } from "./accept-upload";
export { receiveCallback, storedCallback, type CallbackOutcome } from "./callback";
export { dispatchRelayJob, readRelayCallback, finishRelayJob, failRelayJob, type RelayJobRef } from "./job-steps";
export { getRelayJob, listRelayJobs, relayStatus } from "./read";
export { sniffImage, titleFromFilename, RELAY_IMAGE_TYPES } from "./images";
export * from "./schemas";
