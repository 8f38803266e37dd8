/**
 * Fiscal domain (pure, no I/O): exact money and taxes, clave de acceso, identification,
 * document model, JSON input, SRI XML builders and the document status machine.
 */
export * from './claveAcceso';
export * from './documentInput';
export * from './documento';
export * from './estados';
export * from './feriadosTurismo';
export * from './identificacion';
export * from './money';
export * from './taxes';
export * from './xml';
