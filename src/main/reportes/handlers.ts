import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FiltroReportes } from '../../shared/contract/reportes';
import { err, ok, type Result } from '../../shared/result';
import {
  type AppUser,
  type Database,
  getActiveConfiguration,
  listEmissionPoints,
  listUsers,
} from '../db';
import type { Clock } from '../log';
import type { HandlerGroup } from '../rpc';
import { rolAlcanza } from '../sesion';
import { createConsultasReportes } from './consultas';
import { reportePdf, reporteXlsx } from './exportar';
import { fechaTexto, tablasDeReporte } from './tablas';

/** Larger files are not sent through the call (same limit as the archive's export). */
const MAX_DESCARGA_BYTES = 25 * 1024 * 1024;

export type ReportesHandlersDeps = {
  db: Database;
  /** Exports go to `<dataDir>/exportaciones`, like the archive's. */
  dataDir: string;
  clock: Clock;
  /** The user at the counter: the reports are for a supervisor or an administrador. */
  usuarioActual: () => AppUser | null;
};

type Llamadas = 'reportes.generar' | 'reportes.tributario' | 'reportes.exportar';

/**
 * Main decides who sees the store's figures: the logged-in user must be a supervisor or an
 * administrador. A fresh store without users yet (onboarding) has nobody to check.
 */
export const permitido = (db: Database, usuario: AppUser | null): Result<null> => {
  if (usuario !== null && rolAlcanza(usuario.rol, 'supervisor')) return ok(null);
  if (usuario === null && !listUsers(db).some((u) => u.active)) return ok(null);
  return err(
    'sin_permiso',
    usuario === null
      ? 'Ingrese con su PIN: los reportes son para un supervisor o un administrador.'
      : 'Los reportes son para un supervisor o un administrador. Cambie de usuario para verlos.',
  );
};

const stamp = (clock: Clock): string => clock.now().toISOString().replace(/[:.]/g, '-');

/** `reportes.*` calls: the owner's and the accountant's figures, on screen and as files. */
export const createReportesHandlers = (deps: ReportesHandlersDeps): HandlerGroup<Llamadas> => {
  const consultas = createConsultasReportes(deps.db.sqlite);
  const exportsDir = path.join(deps.dataDir, 'exportaciones');
  const exigir = () => permitido(deps.db, deps.usuarioActual());

  const periodo = (f: FiltroReportes): string => {
    const punto =
      f.puntoEmisionId === undefined
        ? 'todos los puntos de emisión'
        : (() => {
            const p = listEmissionPoints(deps.db).find(
              (x) => x.emissionPoint.id === f.puntoEmisionId,
            );
            return p === undefined
              ? 'punto de emisión desconocido'
              : `punto de emisión ${p.establishment.code}-${p.emissionPoint.code}`;
          })();
    const fechas =
      f.desde === f.hasta
        ? `del ${fechaTexto(f.desde)}`
        : `del ${fechaTexto(f.desde)} al ${fechaTexto(f.hasta)}`;
    return `${fechas} · ${punto}`;
  };

  return {
    'reportes.generar': ({ filtro }) => {
      const p = exigir();
      return p.ok ? ok(consultas.reporte(filtro)) : p;
    },
    'reportes.tributario': ({ mes, puntoEmisionId }) => {
      const p = exigir();
      return p.ok ? ok(consultas.tributario(mes, puntoEmisionId)) : p;
    },
    'reportes.exportar': async ({ filtro, reporte, formato, descargar }) => {
      const p = exigir();
      if (!p.ok) return p;
      const datos = consultas.reporte(filtro);
      const tributario = consultas.tributario(filtro.hasta.slice(0, 7), filtro.puntoEmisionId);
      const tablas = tablasDeReporte(datos, tributario).filter(
        (t) => reporte === 'todos' || t.id === reporte,
      );
      const config = getActiveConfiguration(deps.db);
      const encabezado = {
        tienda:
          config === undefined
            ? 'Mostrador'
            : `${config.issuer.razonSocial} · RUC ${config.issuer.ruc}`,
        periodo: periodo(filtro),
        generado: deps.clock.now(),
      };
      const bytes =
        formato === 'xlsx'
          ? await reporteXlsx(tablas, encabezado)
          : await reportePdf(tablas, encabezado);
      await mkdir(exportsDir, { recursive: true });
      const rango =
        filtro.desde === filtro.hasta ? filtro.desde : `${filtro.desde}_${filtro.hasta}`;
      const archivo = path.join(
        exportsDir,
        `reportes-${reporte}-${rango}-${stamp(deps.clock)}.${formato}`,
      );
      await writeFile(archivo, bytes);
      if (!descargar) {
        return ok({
          archivo,
          nombre: path.basename(archivo),
          bytes: bytes.length,
          contenidoBase64: null,
        });
      }
      if (bytes.length > MAX_DESCARGA_BYTES) {
        return err(
          'descarga_grande',
          `El archivo pesa ${Math.ceil(bytes.length / 1024 / 1024)} MB: demasiado para descargarlo desde el navegador. Quedó guardado en ${archivo}.`,
        );
      }
      return ok({
        archivo,
        nombre: path.basename(archivo),
        bytes: bytes.length,
        contenidoBase64: (await readFile(archivo)).toString('base64'),
      });
    },
  };
};
