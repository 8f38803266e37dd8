export {
  type DiagnosticoDeps,
  estadisticasBase,
  exportarDiagnostico,
} from './bundle';
export {
  createFileLogger,
  type FileLoggerOptions,
  LOG_FILE,
  rotateLogFiles,
  teeLogger,
} from './fileLogger';
export { MASK, redactar, redactarTexto } from './redact';
