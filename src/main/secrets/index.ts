export {
  type CertificateRow,
  findActiveCertificate,
  type StoredSummary,
  storedSummarySchema,
} from './certificateRepository';
export {
  AUDIT_IMPORT,
  AUDIT_REMOVE,
  certificateSummary,
  type ImportCertificateInput,
  type ImportedCertificate,
  importCertificate,
  keychainAccounts,
  type RemoveInput,
  removeCertificate,
  signingIdentityFor,
  toResumen,
  type UnlockInput,
  unlockActiveCertificate,
} from './certificateStore';
export {
  AUTH_TAG_BYTES,
  certificateAad,
  DATA_KEY_BYTES,
  IV_BYTES,
  open,
  type SealedBox,
  seal,
  TAMPERED_MESSAGE,
} from './envelope';
export { daysLeft, expiryWarning, formatFechaEcuador } from './expiry';
export {
  type CertificateHandlerDeps,
  type CertificateHandlers,
  createCertificateHandlers,
} from './handlers';
export {
  checkAccount,
  checkKeychainSecret,
  createSystemKeychain,
  describeKeychainFailure,
  KEYCHAIN_SERVICE,
  type Keychain,
  keychainUnavailable,
  MAX_KEYCHAIN_SECRET_BYTES,
  type SystemKeychainOptions,
  WINDOWS_CREDENTIAL_BLOB_BYTES,
} from './keychain';
export {
  confirmarOtroRuc,
  exigirFirmaConfirmada,
  OTRO_RUC_SETTING,
  type OtroRuc,
  otroRucDe,
  rucCoincide,
} from './otroRuc';
export { CUENTA_PIMIENTA, cargarPimienta, fuentePimienta } from './pimienta';
export {
  createSigningKeyHolder,
  NO_CERTIFICATE_MESSAGE,
  type SigningKeyHolder,
} from './signingKeyHolder';
