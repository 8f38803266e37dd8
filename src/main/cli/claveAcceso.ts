import { randomInt } from 'node:crypto';
import {
  type Ambiente,
  CODIGOS_DOCUMENTO,
  type CodDoc,
  construirClaveAcceso,
  fechaEcuador,
  validarClaveAcceso,
} from '../fiscal';
import { BadInput, type CliCommand, EXIT_BAD_INPUT, EXIT_OK, parseArgs } from './io';

const usage = `Uso:
  mostrador clave-acceso --validar CLAVE
  mostrador clave-acceso --ruc RUC --estab 001 --pto 001 --secuencial 123
                         [--tipo 01] [--ambiente 1] [--fecha AAAA-MM-DD] [--codigo 12345678]

--validar comprueba los 49 dígitos (partes y dígito verificador módulo 11) y muestra sus partes.
Sin --validar construye la clave: --tipo 01 factura (por omisión), 04 nota de crédito…;
--ambiente 1 pruebas (por omisión) o 2 producción; --fecha por omisión es hoy en Ecuador;
--codigo por omisión es un número aleatorio de 8 dígitos.`;

const VALORES = [
  'validar',
  'fecha',
  'tipo',
  'ruc',
  'ambiente',
  'estab',
  'pto',
  'secuencial',
  'codigo',
];

const requerido = (flags: Record<string, string | true>, nombre: string): string => {
  const valor = flags[nombre];
  if (typeof valor !== 'string') throw new BadInput(`Falta --${nombre}.`);
  return valor;
};

/** `mostrador clave-acceso`: validate and decode, or build, a clave de acceso. */
export const claveAccesoCommand: CliCommand = {
  usage,
  run: async (args, io) => {
    const { positional, flags } = parseArgs(args, VALORES, []);
    if (positional.length > 0) {
      throw new BadInput(`Argumento inesperado: «${positional[0]}».`);
    }
    const clave = flags.validar;
    if (typeof clave === 'string') {
      const resultado = validarClaveAcceso(clave);
      if (!resultado.ok) {
        io.stderr(resultado.error.message);
        return EXIT_BAD_INPUT;
      }
      const p = resultado.value;
      io.stdout(
        [
          `Clave de acceso válida: ${clave.trim()}`,
          `  fecha de emisión:   ${p.fechaEmision}`,
          `  tipo:               ${p.codDoc} (${CODIGOS_DOCUMENTO[p.codDoc]})`,
          `  RUC emisor:         ${p.ruc}`,
          `  ambiente:           ${p.ambiente} (${p.ambiente === '1' ? 'pruebas' : 'producción'})`,
          `  establecimiento:    ${p.estab}`,
          `  punto de emisión:   ${p.ptoEmi}`,
          `  secuencial:         ${p.secuencial}`,
          `  código numérico:    ${p.codigoNumerico}`,
          `  tipo de emisión:    ${p.tipoEmision} (normal)`,
          `  dígito verificador: ${p.digitoVerificador}`,
          '',
        ].join('\n'),
      );
      return EXIT_OK;
    }
    const secuencial = requerido(flags, 'secuencial');
    if (!/^\d{1,9}$/.test(secuencial)) {
      throw new BadInput(`--secuencial debe tener de 1 a 9 dígitos, no «${secuencial}».`);
    }
    const codigo = flags.codigo;
    const resultado = construirClaveAcceso({
      fechaEmision: typeof flags.fecha === 'string' ? flags.fecha : fechaEcuador(new Date()),
      codDoc: (typeof flags.tipo === 'string' ? flags.tipo : '01') as CodDoc,
      ruc: requerido(flags, 'ruc'),
      ambiente: (typeof flags.ambiente === 'string' ? flags.ambiente : '1') as Ambiente,
      estab: requerido(flags, 'estab'),
      ptoEmi: requerido(flags, 'pto'),
      secuencial: secuencial.padStart(9, '0'),
      codigoNumerico:
        typeof codigo === 'string' ? codigo : String(randomInt(0, 100_000_000)).padStart(8, '0'),
      tipoEmision: '1',
    });
    if (!resultado.ok) {
      io.stderr(resultado.error.message);
      return EXIT_BAD_INPUT;
    }
    io.stdout(`${resultado.value}\n`);
    return EXIT_OK;
  },
};
