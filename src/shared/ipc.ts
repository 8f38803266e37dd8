/** IPC channels between the preload bridge and main; the contract rides inside them. */
export const IPC_CALL_CHANNEL = 'mostrador:call';
export const IPC_EVENT_CHANNEL = 'mostrador:event';
/** The customer display's one message to main: the buyer's e-mail (issue 19 §4). */
export const IPC_CLIENTE_CORREO_CHANNEL = 'mostrador:cliente-correo';
