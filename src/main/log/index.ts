export type { Clock, Logger } from './logger';
export { createMemoryLogger, silentLogger, systemClock } from './logger';
