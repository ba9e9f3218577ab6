/** The job components every pipeline page reuses; see each file for its props. */
export { StatusBadge, statusLabel } from "@/app/_components/ui/status-badge";
export { JobProgress } from "./progress-bar";
export { JobTimeline } from "./timeline";
export { JobErrorBox } from "./error-box";
export { ERROR_EXPLANATIONS, explainError } from "./error-explanations";
export { JobDownloadButton } from "./download-button";
export { JobsTable } from "./jobs-table";
export { RecentJobs } from "./recent-jobs";
export { JobLivePanel } from "./job-live-panel";
export { DeleteJobButton } from "./delete-job-button";
export { useLiveJob } from "./use-live-job";
export { isActive, isExpired, type JobEventView, type JobStatus, type JobView } from "./types";
