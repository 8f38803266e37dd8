/**
 * Scripted faults of the SRI simulator and their compact text form (`--faults`):
 * comma-separated rules `[recepcion:|autorizacion:]NOMBRE[=VALOR][*N]`, e.g.
 * `latencia=50,recepcion:http500*2,autorizacion:en-proceso=3,devuelta=35`.
 */
import { err, ok, type Result } from '../../../shared/result';

export type OperacionSri = 'recepcion' | 'autorizacion';

export type Falla =
  /** Delay every answer by `ms` (the request is processed first, as a slow SRI would). */
  | { tipo: 'latencia'; ms: number }
  /** Process the request, then close the socket without answering. */
  | { tipo: 'cortar' }
  /** HTTP 500 with a plain error page; the request is not processed. */
  | { tipo: 'http500' }
  /** HTTP 200 with an HTML page (maintenance or captive portal); not processed. */
  | { tipo: 'html' }
  /** HTTP 500 with a SOAP Fault; not processed. */
  | { tipo: 'soap-fault' }
  /** DEVUELTA with this code. 43 and 70 register the document first, as their meaning implies. */
  | { tipo: 'devuelta'; codigo: string }
  /** Autorización answers EN PROCESO to the first `veces` queries of each clave (`null`: always). */
  | { tipo: 'en-proceso'; veces: number | null }
  /** The submission ends NO AUTORIZADO with this code. */
  | { tipo: 'no-autorizado'; codigo: string }
  /** Refuse connections: the simulator stops listening until the fault is removed. */
  | { tipo: 'caido' };

export type ReglaFalla = {
  falla: Falla;
  operacion: OperacionSri | 'ambas';
  /** Only the next N matching calls (`null`: until changed). */
  veces: number | null;
};

/** Programmatic form: `operacion` and `veces` default like the text form. */
export type ReglaFallaEntrada = {
  falla: Falla;
  operacion?: OperacionSri | 'ambas';
  veces?: number | null;
};

/** Operations each fault makes sense for; the first is its default target. */
const OPERACIONES: Record<Falla['tipo'], readonly (OperacionSri | 'ambas')[]> = {
  latencia: ['ambas', 'recepcion', 'autorizacion'],
  cortar: ['ambas', 'recepcion', 'autorizacion'],
  http500: ['ambas', 'recepcion', 'autorizacion'],
  html: ['ambas', 'recepcion', 'autorizacion'],
  'soap-fault': ['ambas', 'recepcion', 'autorizacion'],
  devuelta: ['recepcion'],
  'en-proceso': ['autorizacion'],
  'no-autorizado': ['autorizacion'],
  caido: ['ambas'],
};

export const USO_FALLAS = `Fallas (--faults): reglas separadas por comas, [recepcion:|autorizacion:]NOMBRE[=VALOR][*N]
  latencia=MS           demora cada respuesta MS milisegundos (procesa antes de esperar)
  cortar                procesa la solicitud y corta la conexión sin responder
  http500               HTTP 500 con una página de error, sin procesar
  html                  HTTP 200 con una página HTML, sin procesar
  soap-fault            HTTP 500 con un SOAP Fault, sin procesar
  devuelta=CÓDIGO       DEVUELTA con ese código (solo recepción; 43 y 70 registran el comprobante)
  en-proceso[=N]        EN PROCESO en las primeras N consultas de cada clave (solo autorización)
  no-autorizado[=CÓD]   NO AUTORIZADO con ese código, 39 por omisión (solo autorización)
  caido                 rechaza las conexiones (deja de escuchar)
  *N                    la regla vale solo para las próximas N llamadas
Sin prefijo, la regla vale para ambas operaciones (o para la única que admite).
Ejemplo: latencia=50,recepcion:http500*2,autorizacion:en-proceso=3,devuelta=35`;

const entero = (texto: string, nombre: string, minimo: number): Result<number> => {
  if (!/^\d+$/.test(texto) || Number(texto) < minimo || !Number.isSafeInteger(Number(texto))) {
    return err('falla_invalida', `Falla «${nombre}»: «${texto}» no es un entero ≥ ${minimo}.`);
  }
  return ok(Number(texto));
};

const codigoSri = (texto: string, nombre: string): Result<string> =>
  /^\d{1,3}$/.test(texto)
    ? ok(texto)
    : err('falla_invalida', `Falla «${nombre}»: «${texto}» no es un código del SRI.`);

const leerFalla = (nombre: string, valor: string | null): Result<Falla> => {
  const sinValor = (falla: Falla): Result<Falla> =>
    valor === null
      ? ok(falla)
      : err('falla_invalida', `La falla «${nombre}» no lleva valor (se dio «${valor}»).`);
  switch (nombre) {
    case 'latencia': {
      if (valor === null) return err('falla_invalida', 'La falla «latencia» necesita =MS.');
      const ms = entero(valor, nombre, 0);
      return ms.ok ? ok({ tipo: 'latencia', ms: ms.value }) : ms;
    }
    case 'cortar':
    case 'http500':
    case 'html':
    case 'soap-fault':
    case 'caido':
      return sinValor({ tipo: nombre });
    case 'devuelta': {
      if (valor === null) return err('falla_invalida', 'La falla «devuelta» necesita =CÓDIGO.');
      const codigo = codigoSri(valor, nombre);
      return codigo.ok ? ok({ tipo: 'devuelta', codigo: codigo.value }) : codigo;
    }
    case 'en-proceso': {
      if (valor === null) return ok({ tipo: 'en-proceso', veces: null });
      const veces = entero(valor, nombre, 1);
      return veces.ok ? ok({ tipo: 'en-proceso', veces: veces.value }) : veces;
    }
    case 'no-autorizado': {
      const codigo = codigoSri(valor ?? '39', nombre);
      return codigo.ok ? ok({ tipo: 'no-autorizado', codigo: codigo.value }) : codigo;
    }
    default:
      return err('falla_invalida', `Falla desconocida: «${nombre}».`);
  }
};

/**
 * Checks a programmatic rule and fills its defaults.
 * @example normalizarRegla({ falla: { tipo: 'devuelta', codigo: '35' } }) // ok({ falla, operacion: 'recepcion', veces: null })
 */
export const normalizarRegla = (entrada: ReglaFallaEntrada): Result<ReglaFalla> => {
  const permitidas = OPERACIONES[entrada.falla.tipo];
  const operacion = entrada.operacion ?? permitidas[0] ?? 'ambas';
  if (!permitidas.includes(operacion)) {
    return err(
      'falla_invalida',
      `La falla «${entrada.falla.tipo}» no se aplica a ${operacion === 'ambas' ? 'ambas operaciones' : operacion}.`,
    );
  }
  const veces = entrada.veces ?? null;
  if (veces !== null && (!Number.isSafeInteger(veces) || veces < 1)) {
    return err('falla_invalida', `Falla «${entrada.falla.tipo}»: *N debe ser un entero ≥ 1.`);
  }
  if (entrada.falla.tipo === 'caido' && veces !== null) {
    return err(
      'falla_invalida',
      'La falla «caido» no admite *N: se quita con otra lista de fallas.',
    );
  }
  return ok({ falla: entrada.falla, operacion, veces });
};

/**
 * Parses the `--faults` text; an empty text means no faults.
 * @example parsearFallas('recepcion:http500*2') // ok([{ falla: { tipo: 'http500' }, operacion: 'recepcion', veces: 2 }])
 */
export const parsearFallas = (texto: string): Result<ReglaFalla[]> => {
  const reglas: ReglaFalla[] = [];
  for (const parte of texto
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const m = /^(?:(recepcion|autorizacion):)?([a-z0-9-]+)(?:=([^*]+))?(?:\*(\d+))?$/.exec(parte);
    if (m === null) {
      return err('falla_invalida', `Regla de falla mal escrita: «${parte}».`);
    }
    const [, operacion, nombre = '', valor, veces] = m;
    const falla = leerFalla(nombre, valor ?? null);
    if (!falla.ok) return falla;
    const regla = normalizarRegla({
      falla: falla.value,
      ...(operacion === undefined ? {} : { operacion: operacion as OperacionSri }),
      ...(veces === undefined ? {} : { veces: Number(veces) }),
    });
    if (!regla.ok) return regla;
    reglas.push(regla.value);
  }
  return ok(reglas);
};

/**
 * The active faults, consumed call by call. Latencies add up; the first other matching rule
 * decides the call. `en-proceso=N` counts per clave, so it asks the caller how many EN PROCESO
 * answers that clave already got.
 */
export type EstadoFallas = {
  reglas: () => readonly ReglaFalla[];
  reemplazar: (reglas: ReglaFalla[]) => void;
  caido: () => boolean;
  /** Faults for one call; decrements the `*N` budgets of the rules used. */
  tomar: (
    operacion: OperacionSri,
    enProcesoDados: () => number,
  ) => { latenciaMs: number; falla: Exclude<Falla, { tipo: 'latencia' | 'caido' }> | null };
};

export const crearEstadoFallas = (iniciales: ReglaFalla[]): EstadoFallas => {
  let reglas = iniciales.map((r) => ({ ...r }));
  const aplica = (r: ReglaFalla, operacion: OperacionSri): boolean =>
    (r.operacion === 'ambas' || r.operacion === operacion) && (r.veces === null || r.veces > 0);
  const gastar = (r: ReglaFalla): void => {
    if (r.veces !== null) r.veces -= 1;
  };
  return {
    reglas: () => reglas,
    reemplazar: (nuevas) => {
      reglas = nuevas.map((r) => ({ ...r }));
    },
    caido: () => reglas.some((r) => r.falla.tipo === 'caido'),
    tomar: (operacion, enProcesoDados) => {
      let latenciaMs = 0;
      let falla: Exclude<Falla, { tipo: 'latencia' | 'caido' }> | null = null;
      for (const regla of reglas) {
        if (!aplica(regla, operacion)) continue;
        const f = regla.falla;
        if (f.tipo === 'latencia') {
          latenciaMs += f.ms;
          gastar(regla);
          continue;
        }
        if (f.tipo === 'caido' || falla !== null) continue;
        if (f.tipo === 'en-proceso' && f.veces !== null && enProcesoDados() >= f.veces) continue;
        falla = f;
        gastar(regla);
      }
      return { latenciaMs, falla };
    },
  };
};

/**
 * The `--faults` text of some rules (inverse of `parsearFallas`), for showing the active faults.
 * @example describirFallas([{ falla: { tipo: 'http500' }, operacion: 'recepcion', veces: 2 }]) // 'recepcion:http500*2'
 */
export const describirFallas = (reglas: readonly ReglaFalla[]): string =>
  reglas
    .map(({ falla, operacion, veces }) => {
      const valor =
        falla.tipo === 'latencia'
          ? `=${falla.ms}`
          : falla.tipo === 'devuelta' || falla.tipo === 'no-autorizado'
            ? `=${falla.codigo}`
            : falla.tipo === 'en-proceso' && falla.veces !== null
              ? `=${falla.veces}`
              : '';
      // Only name the operation when it is not the rule's default target.
      const prefijo = operacion === OPERACIONES[falla.tipo][0] ? '' : `${operacion}:`;
      return `${prefijo}${falla.tipo}${valor}${veces === null ? '' : `*${veces}`}`;
    })
    .join(',');
