/**
 * Runs the `email` kind alone in its own process, for correo-kill.test.ts: opens the database at
 * argv[2], sends through MOSTRADOR_SMTP_URL, prints «listo» and works until it is killed.
 */
import { parseSmtpUrl, registrarCorreo } from '../../src/main/correo';
import { openDatabase } from '../../src/main/db';
import { createJobRunner } from '../../src/main/jobs';
import { silentLogger, systemClock } from '../../src/main/log';

const [file] = process.argv.slice(2);
const url = process.env.MOSTRADOR_SMTP_URL;
if (file === undefined || url === undefined) {
  throw new Error('uso: MOSTRADOR_SMTP_URL=… correoChild.ts BASE.sqlite');
}
const smtp = parseSmtpUrl(url);
if (!smtp.ok) throw new Error(smtp.error.message);
const opened = openDatabase(file, { logger: silentLogger, clock: systemClock });
if (!opened.ok) throw new Error(opened.error.message);
let n = 0;
const correo = registrarCorreo({
  sqlite: opened.value.sqlite,
  smtp: smtp.value,
  runner: createJobRunner({ clock: systemClock, logger: silentLogger }),
  clock: systemClock,
  logger: silentLogger,
  random: Math.random,
  newId: () => `hijo${++n}`,
});
correo.start();
process.stdout.write('listo\n');
