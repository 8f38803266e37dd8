/**
 * What the simulator remembers: received documents, secuenciales in use, autorización entries
 * and an authorization log. Optionally appended to a JSON-lines file and replayed on start, so
 * crash tests can restart the simulator and still count each clave's authorizations.
 */
import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { EntradaAutorizacion } from './respuestas';

/** The training-mode simulator's memory, in the app's data folder. */
export const ARCHIVO_SIMULADOR = 'sri-simulador.jsonl';

export type Recibido = {
  claveAcceso: string;
  secuencialKey: string;
  firmaValida: boolean;
  motivoFirma: string | null;
  comprobante: string;
  recibidoEn: string;
  /** Final autorización of this submission (AUTORIZADO or NO AUTORIZADO), once decided. */
  resultado: EntradaAutorizacion | null;
};

/** One line of the authorization log: the moment a clave became AUTORIZADO. */
export type EntradaLogAutorizacion = {
  claveAcceso: string;
  numeroAutorizacion: string;
  fechaAutorizacion: string;
};

export type EventoRegistro =
  | {
      tipo: 'recepcion';
      claveAcceso: string | null;
      estado: 'RECIBIDA' | 'DEVUELTA';
      codigo: string | null;
      en: string;
    }
  | ({ tipo: 'recibido' } & Omit<Recibido, 'resultado'>)
  | { tipo: 'autorizacion'; claveAcceso: string; entrada: EntradaAutorizacion; en: string };

export type Registro = {
  recibido: (claveAcceso: string) => Recibido | undefined;
  claveDeSecuencial: (secuencialKey: string) => string | undefined;
  registrarRecepcion: (
    claveAcceso: string | null,
    estado: 'RECIBIDA' | 'DEVUELTA',
    codigo: string | null,
    en: string,
  ) => void;
  registrarRecibido: (recibido: Omit<Recibido, 'resultado'>) => void;
  registrarResultado: (claveAcceso: string, entrada: EntradaAutorizacion, en: string) => void;
  /** Every final entry of a clave, newest first (one per submission). */
  historial: (claveAcceso: string) => EntradaAutorizacion[];
  enProcesoDados: (claveAcceso: string) => number;
  contarEnProceso: (claveAcceso: string) => void;
  authorizationLog: () => EntradaLogAutorizacion[];
  authorizationCount: (claveAcceso: string) => number;
  /** validarComprobante calls that carried this clave (RECIBIDA or DEVUELTA, 43 included). */
  receptionCount: (claveAcceso: string) => number;
  cerrar: () => void;
};

/**
 * Reads a simulator log file (tolerating a torn last line after a kill).
 * @example leerRegistroSimulador('/tmp/sri.jsonl').filter((e) => e.tipo === 'autorizacion')
 */
export const leerRegistroSimulador = (archivo: string): EventoRegistro[] => {
  if (!existsSync(archivo)) return [];
  const eventos: EventoRegistro[] = [];
  for (const linea of readFileSync(archivo, 'utf8').split('\n')) {
    if (linea.trim() === '') continue;
    try {
      eventos.push(JSON.parse(linea) as EventoRegistro);
    } catch {
      // A line torn by a kill mid-write: everything before it is intact.
    }
  }
  return eventos;
};

/**
 * Authorization counts per clave from a log file, for tests that run the simulator elsewhere.
 * @example contarAutorizaciones('/tmp/sri.jsonl').get(clave) // 1
 */
export const contarAutorizaciones = (archivo: string): Map<string, number> => {
  const cuentas = new Map<string, number>();
  for (const e of leerRegistroSimulador(archivo)) {
    if (e.tipo === 'autorizacion' && e.entrada.estado === 'AUTORIZADO') {
      cuentas.set(e.claveAcceso, (cuentas.get(e.claveAcceso) ?? 0) + 1);
    }
  }
  return cuentas;
};

export const crearRegistro = (archivo: string | null): Registro => {
  const recibidos = new Map<string, Recibido>();
  const secuenciales = new Map<string, string>();
  const historiales = new Map<string, EntradaAutorizacion[]>();
  const enProceso = new Map<string, number>();
  const recepciones = new Map<string, number>();
  const log: EntradaLogAutorizacion[] = [];
  const cuentas = new Map<string, number>();

  const aplicar = (evento: EventoRegistro): void => {
    switch (evento.tipo) {
      case 'recepcion':
        if (evento.claveAcceso !== null) {
          recepciones.set(evento.claveAcceso, (recepciones.get(evento.claveAcceso) ?? 0) + 1);
        }
        return;
      case 'recibido': {
        const { tipo: _tipo, ...recibido } = evento;
        recibidos.set(recibido.claveAcceso, { ...recibido, resultado: null });
        secuenciales.set(recibido.secuencialKey, recibido.claveAcceso);
        return;
      }
      case 'autorizacion': {
        const recibido = recibidos.get(evento.claveAcceso);
        if (recibido !== undefined) recibido.resultado = evento.entrada;
        historiales.set(evento.claveAcceso, [
          evento.entrada,
          ...(historiales.get(evento.claveAcceso) ?? []),
        ]);
        if (evento.entrada.estado === 'AUTORIZADO') {
          cuentas.set(evento.claveAcceso, (cuentas.get(evento.claveAcceso) ?? 0) + 1);
          log.push({
            claveAcceso: evento.claveAcceso,
            numeroAutorizacion: evento.entrada.numeroAutorizacion ?? evento.claveAcceso,
            fechaAutorizacion: evento.entrada.fechaAutorizacion ?? evento.en,
          });
        }
        return;
      }
    }
  };

  if (archivo !== null) for (const evento of leerRegistroSimulador(archivo)) aplicar(evento);
  let fd = archivo === null ? null : openSync(archivo, 'a');

  const anotar = (evento: EventoRegistro): void => {
    aplicar(evento);
    // One write per event: a line is either whole or torn, never interleaved.
    if (fd !== null) writeSync(fd, `${JSON.stringify(evento)}\n`);
  };

  return {
    recibido: (clave) => recibidos.get(clave),
    claveDeSecuencial: (key) => secuenciales.get(key),
    registrarRecepcion: (claveAcceso, estado, codigo, en) =>
      anotar({ tipo: 'recepcion', claveAcceso, estado, codigo, en }),
    registrarRecibido: (recibido) => anotar({ tipo: 'recibido', ...recibido }),
    registrarResultado: (claveAcceso, entrada, en) =>
      anotar({ tipo: 'autorizacion', claveAcceso, entrada, en }),
    historial: (clave) => historiales.get(clave) ?? [],
    enProcesoDados: (clave) => enProceso.get(clave) ?? 0,
    contarEnProceso: (clave) => {
      enProceso.set(clave, (enProceso.get(clave) ?? 0) + 1);
    },
    authorizationLog: () => log.map((e) => ({ ...e })),
    authorizationCount: (clave) => cuentas.get(clave) ?? 0,
    receptionCount: (clave) => recepciones.get(clave) ?? 0,
    cerrar: () => {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
};
