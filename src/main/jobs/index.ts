/** The job runner and the `outbox_job` table it drains (docs/architecture.md §5, §13). */
export {
  type BackoffPolicy,
  backoffDelayMs,
  POLL_BACKOFF,
  RETRY_BACKOFF,
  SLOW_DOWN_BACKOFF,
} from './backoff';
export {
  createJobRunner,
  type JobKind,
  type JobRunner,
  type JobRunnerDeps,
  type JobStore,
  type Lane,
} from './runner';
export {
  createJobTable,
  enqueueJob,
  type JobPayload,
  type JobRow,
  type JobTable,
  jobPayloadSchema,
  jobRowSchema,
  type OutboxKind,
} from './table';
export { createWakeup, type Wakeup } from './wakeup';
