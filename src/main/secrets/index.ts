export { certificateAad, DATA_KEY_BYTES, open, type SealedBox, seal } from './envelope';
export {
  checkAccount,
  checkKeychainSecret,
  createSystemKeychain,
  KEYCHAIN_SERVICE,
  type Keychain,
  keychainUnavailable,
  MAX_KEYCHAIN_SECRET_BYTES,
  type SystemKeychainOptions,
} from './keychain';
