export type { CertificateSummary } from './certificate';
export { createDemoSigningIdentity, DEMO_LABEL } from './demoCertificate';
export { loadSigningIdentity, type P12ErrorCode, type SigningIdentity } from './p12';
export { loadSigningIdentityLazily } from './signingIdentity';
export { type VerifiedSignature, verifyComprobanteSignature } from './verify';
export {
  formatSigningTime,
  type SignOptions,
  signComprobante,
  trySignComprobante,
  trySignComprobanteOffThread,
} from './xades';
