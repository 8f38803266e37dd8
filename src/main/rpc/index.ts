/**
 * The bottom layer every domain's `handlers.ts` builds on: the handler and dispatch types, input
 * validation against the contract and the event bus. It imports only `src/shared` and the logger.
 */
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
export { type AnyEventListener, createEventBus, type EventBus, type EventListener } from './events';
export { formatIssues, type ValidationFailure } from './validation';
