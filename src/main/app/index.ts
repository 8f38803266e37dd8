export { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from './csp';
export {
  type CallContext,
  type DispatchOptions,
  dispatch,
  type Handler,
  type HandlerGroup,
  type Handlers,
  INTERNAL_ERROR_MESSAGE,
  type Transport,
} from './dispatch';
export {
  type Ambiente,
  type BackendSri,
  createAppHandlers,
  type EstadoTracker,
  trackEstado,
} from './estado';
export { type AnyEventListener, createEventBus, type EventBus, type EventListener } from './events';
export { formatIssues, type ValidationFailure } from './validation';
