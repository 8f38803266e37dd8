/** IPC channels between the preload bridge and main; the contract rides inside them. */
export const IPC_CALL_CHANNEL = 'mostrador:call';
export const IPC_EVENT_CHANNEL = 'mostrador:event';
