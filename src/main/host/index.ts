export { createHost, type Host, type HostOptions, MAX_BODY_BYTES } from './server';
