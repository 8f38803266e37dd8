import { commands } from './commands';
import { BadInput, type CliIo, EXIT_BAD_INPUT, EXIT_INTERNAL } from './io';

const helpText = (): string => {
  const lines = ['Uso: mostrador <comando> [opciones]', '', 'Comandos:'];
  for (const [name, entry] of Object.entries(commands)) {
    lines.push(`  ${name.padEnd(16)} ${entry.summary}`);
  }
  return `${lines.join('\n')}\n`;
};

const processIo = (): CliIo => {
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  return {
    stdout: (chunk) => {
      process.stdout.write(chunk);
    },
    stderr: (text) => {
      process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
    },
    env: process.env,
    cwd: process.cwd(),
    stopped,
  };
};

/** Entry point of the `mostrador` command: returns the exit code (0 ok, 2 bad input, 1 bug). */
export const main = async (argv: string[], io: CliIo = processIo()): Promise<number> => {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'ayuda') {
    io.stdout(helpText());
    return name === undefined ? EXIT_BAD_INPUT : 0;
  }
  const entry = commands[name];
  if (entry === undefined) {
    io.stderr(`Comando desconocido: «${name}». Ejecute «mostrador --help» para ver la lista.`);
    return EXIT_BAD_INPUT;
  }
  const command = await entry.load();
  if (rest.includes('--help')) {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof BadInput) {
      io.stderr(error.message);
      io.stderr(command.usage);
      return EXIT_BAD_INPUT;
    }
    io.stderr(`Error interno: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_INTERNAL;
  }
};
