/**
 * Runs one step of the certificate store in its own process, for keychain-gnome.test.ts:
 * `importar` (p12 from a file, password from the environment) or `firmar` (a restart: fresh
 * holder, nothing but the data folder). Prints one JSON line on stdout.
 */
import { createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../src/main/db';
import { silentLogger, systemClock } from '../../src/main/log';
import {
  createSigningKeyHolder,
  createSystemKeychain,
  importCertificate,
  signingIdentityFor,
} from '../../src/main/secrets';

const [step, dataDir, service] = process.argv.slice(2);
if (step === undefined || dataDir === undefined || service === undefined) {
  throw new Error('uso: keychainChild.ts importar|firmar DATA_DIR SERVICIO');
}
const opened = openDatabase(join(dataDir, 'mostrador.sqlite'), {
  logger: silentLogger,
  clock: systemClock,
});
if (!opened.ok) throw new Error(opened.error.message);
const db = opened.value;
const keychain = createSystemKeychain({ logger: silentLogger, service });
const now = new Date();

const run = async (): Promise<unknown> => {
  if (step === 'importar') {
    const result = await importCertificate({
      db,
      keychain,
      p12Bytes: readFileSync(process.env.P12_FILE ?? ''),
      password: process.env.P12_PASSWORD ?? '',
      unlockMode: 'keychain',
      issuerRuc: null,
      now,
    });
    return result.ok ? { ok: true, id: result.value.resumen.id } : result;
  }
  const holder = createSigningKeyHolder();
  const identity = await signingIdentityFor({ db, keychain, holder, now });
  if (!identity.ok) return identity;
  const signature = createSign('RSA-SHA1').update('comprobante').sign(identity.value.privateKey);
  return {
    ok: true,
    signature: signature.toString('base64'),
    certificate: identity.value.certificateBase64,
  };
};

const output = await run();
db.close();
process.stdout.write(`${JSON.stringify(output)}\n`);
