import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCups, startFakeCups } from '../../../../test/fakes/cups';
import { estadoColaCups, estadoDeLpstat, listarColasCups, sendCupsRaw } from './cups';

const DESDE = 'enabled since Wed 02 Dec 2026 10:00:00 -05';
const LISTA = `printer TM20 is idle.  ${DESDE}`;
const APAGADA = `printer USB80 is idle.  ${DESDE}\n\tWaiting for printer to become available.`;
const SIN_PAPEL = `printer Caja2 now printing Caja2-7.  ${DESDE}\n\tmedia-empty-error`;
const DETENIDA = 'printer Bodega disabled since Wed 02 Dec 2026 10:00:00 -05 -\n\tPaused';

let cups: FakeCups;
beforeAll(() => {
  cups = startFakeCups();
  cups.setColas({ TM20: LISTA, USB80: APAGADA, Caja2: SIN_PAPEL, Bodega: DETENIDA });
});
afterAll(() => cups.close());

describe('estadoDeLpstat', () => {
  it.each([
    { salida: LISTA, estado: 'lista' },
    { salida: `printer TM20 now printing TM20-3.  ${DESDE}`, estado: 'imprimiendo' },
    { salida: APAGADA, estado: 'apagada' },
    {
      salida: `printer Red is idle.  ${DESDE}\n\tThe printer is not responding.`,
      estado: 'apagada',
    },
    { salida: `printer Red is idle.  ${DESDE}\n\tPrinter is offline.`, estado: 'apagada' },
    { salida: SIN_PAPEL, estado: 'sin_papel' },
    { salida: DETENIDA, estado: 'detenida' },
  ])('$estado: $salida', ({ salida, estado }) => {
    expect(estadoDeLpstat(salida)).toBe(estado);
  });
});

describe('ESC/POS en crudo por CUPS', () => {
  it('con la cola lista entrega los bytes exactos a «lp -d COLA -o raw» por stdin', async () => {
    const antes = cups.trabajos().length;
    const bytes = Uint8Array.from([0x1b, 0x40, 0xa4, 0x0a, 0x00, 0xff, 0x1d, 0x56, 66, 0]);
    expect(await sendCupsRaw('TM20', bytes, { env: cups.env })).toEqual({
      ok: true,
      value: undefined,
    });
    const trabajo = cups.trabajos()[antes];
    expect(trabajo?.args).toEqual(['-d', 'TM20', '-o', 'raw']);
    expect(Array.from(trabajo?.bytes ?? [])).toEqual(Array.from(bytes));
    // The state was read first, in the C locale so its words can be understood.
    const llamadas = cups.llamadas().slice(-2);
    expect(llamadas).toEqual([
      { comando: 'lpstat', args: ['-p', 'TM20'], locale: 'C' },
      { comando: 'lp', args: ['-d', 'TM20', '-o', 'raw'], locale: 'C' },
    ]);
  });

  it('un trabajo grande llega entero', async () => {
    const antes = cups.trabajos().length;
    const bytes = new Uint8Array(256 * 1024).map((_, i) => i % 251);
    expect((await sendCupsRaw('TM20', bytes, { env: cups.env })).ok).toBe(true);
    expect(cups.trabajos()[antes]?.bytes).toEqual(bytes);
  });

  it.each([
    {
      cola: 'USB80',
      code: 'impresora_apagada',
      message:
        'La impresora «USB80» está apagada o desconectada. Revise el cable y que esté encendida.',
    },
    {
      cola: 'Caja2',
      code: 'impresora_sin_papel',
      message: 'La impresora «Caja2» no tiene papel. Cambie el rollo y vuelva a intentar.',
    },
    {
      cola: 'Bodega',
      code: 'impresora_detenida',
      message:
        'La cola «Bodega» está detenida en el sistema. Reanúdela en la configuración de impresoras (o con «cupsenable Bodega»).',
    },
    {
      cola: 'NoExiste',
      code: 'impresora_no_existe',
      message:
        'La cola de impresión «NoExiste» no existe en este equipo. Elija una de la lista de impresoras del sistema.',
    },
  ])(
    '$code: lo dice en español y no deja un trabajo en la cola',
    async ({ cola, code, message }) => {
      const antes = cups.trabajos().length;
      const r = await sendCupsRaw(cola, Uint8Array.from([1, 2, 3]), { env: cups.env });
      expect(r).toEqual({ ok: false, error: { code, message } });
      expect(cups.trabajos()).toHaveLength(antes);
      expect(cups.llamadas().at(-1)).toMatchObject({ comando: 'lpstat', args: ['-p', cola] });
    },
  );

  it('sin CUPS instalado lo dice', async () => {
    const r = await estadoColaCups('TM20', { env: cups.env, lpstatCommand: 'no-existe-lpstat' });
    expect(r).toMatchObject({ ok: false, error: { code: 'spooler_no_disponible' } });
  });

  it('un nombre de cola que parece una opción se rechaza sin llamar a CUPS', async () => {
    const antes = cups.llamadas().length;
    const r = await sendCupsRaw('-o', Uint8Array.from([1]), { env: cups.env });
    expect(r).toMatchObject({ ok: false, error: { code: 'impresora_cola' } });
    expect(cups.llamadas()).toHaveLength(antes);
  });
});

describe('listarColasCups', () => {
  it('lista las colas de «lpstat -e» con el estado de cada una', async () => {
    expect(await listarColasCups({ env: cups.env })).toEqual({
      ok: true,
      value: [
        { nombre: 'TM20', estado: 'lista' },
        { nombre: 'USB80', estado: 'apagada' },
        { nombre: 'Caja2', estado: 'sin_papel' },
        { nombre: 'Bodega', estado: 'detenida' },
      ],
    });
  });
});
