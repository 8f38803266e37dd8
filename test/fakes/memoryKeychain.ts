import {
  checkAccount,
  checkKeychainSecret,
  type Keychain,
  keychainUnavailable,
} from '../../src/main/secrets';
import type { Result } from '../../src/shared/result';
import { ok } from '../../src/shared/result';

type Operation = 'get' | 'set' | 'delete';

/**
 * A keychain kept in a Map, with the same refusals as the real adapter (size limit, account
 * names). Tests switch it off (`available = false`) or make one operation fail to exercise the
 * no-keychain and half-written paths.
 */
export type MemoryKeychain = Keychain & {
  readonly entries: ReadonlyMap<string, string>;
  available: boolean;
  /** The next call of `operation` (optionally for one account) fails as an unreachable keychain. */
  failNext: (operation: Operation, account?: string) => void;
  readonly calls: { operation: Operation; account: string }[];
};

export const createMemoryKeychain = (): MemoryKeychain => {
  const entries = new Map<string, string>();
  const pending: { operation: Operation; account: string | undefined }[] = [];
  const calls: { operation: Operation; account: string }[] = [];

  const refusal = (operation: Operation, account: string): Result<never> | null => {
    calls.push({ operation, account });
    if (!keychain.available) return keychainUnavailable('sin_servicio');
    const index = pending.findIndex(
      (p) => p.operation === operation && (p.account === undefined || p.account === account),
    );
    if (index >= 0) {
      pending.splice(index, 1);
      return keychainUnavailable('otra');
    }
    return null;
  };

  const keychain: MemoryKeychain = {
    entries,
    available: true,
    calls,
    failNext: (operation, account) => {
      pending.push({ operation, account });
    },
    get: async (account) => {
      const check = checkAccount(account);
      if (!check.ok) return check;
      const refused = refusal('get', account);
      if (refused) return refused;
      return ok(entries.get(account) ?? null);
    },
    set: async (account, secret) => {
      const check = checkKeychainSecret(account, secret);
      if (!check.ok) return check;
      const refused = refusal('set', account);
      if (refused) return refused;
      entries.set(account, secret);
      return ok(undefined);
    },
    delete: async (account) => {
      const check = checkAccount(account);
      if (!check.ok) return check;
      const refused = refusal('delete', account);
      if (refused) return refused;
      entries.delete(account);
      return ok(undefined);
    },
  };
  return keychain;
};
