import { type FormEvent, useEffect, useState } from 'react';
import type {
  ActualizacionEstado,
  Exportacion,
  RespaldosEstado,
} from '../../../shared/contract/mantenimiento';
import { respaldosStore, useRespaldos } from '../../stores/respaldos';
import { fecha, MostrarNota, useAprobacion } from './comun';

const TIPOS: Record<RespaldosEstado['respaldos'][number]['tipo'], string> = {
  diario: 'Diario',
  manual: 'Manual',
  migracion: 'Antes de actualizar',
  antes_de_restaurar: 'Antes de restaurar',
};

const tamano = (bytes: number): string =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const fechaHora = (iso: string): string =>
  new Date(iso).toLocaleString('es-EC', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'America/Guayaquil',
  });

/** The browser host cannot open a folder: it downloads the file instead. */
const enNavegador = (): boolean => !('mostrador' in window);

const descargar = (exportacion: Exportacion): void => {
  if (exportacion.contenidoBase64 === null) return;
  const binario = atob(exportacion.contenidoBase64);
  const bytes = new Uint8Array(binario.length);
  for (let i = 0; i < binario.length; i++) bytes[i] = binario.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/zip' }));
  const enlace = document.createElement('a');
  enlace.href = url;
  enlace.download = exportacion.nombre;
  enlace.click();
  URL.revokeObjectURL(url);
};

const hoy = (): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Guayaquil' }).format(new Date());

const textoActualizacion = (a: ActualizacionEstado['estado']): string => {
  switch (a.fase) {
    case 'sin_configurar':
      return 'Sin canal de actualizaciones configurado.';
    case 'buscando':
      return 'Buscando actualizaciones…';
    case 'al_dia':
      return a.nota ?? `Al día (revisado ${fechaHora(a.revisadaEn)}).`;
    case 'descargando':
      return `Descargando la versión ${a.version}…`;
    case 'lista':
      return a.esperas.length === 0
        ? `La versión ${a.version} está lista: se instalará al cerrar Mostrador.`
        : `La versión ${a.version} está lista y espera: ${a.esperas.map((e) => e.mensaje).join(' ')}`;
    case 'instalando':
      return `Instalando la versión ${a.version}…`;
    case 'error':
      return a.mensaje;
  }
};

/**
 * Ajustes → «Respaldos y archivo»: the backup folder, copies on demand and the list to restore
 * from; the archive of authorized documents; «Exportar diagnóstico»; the update channel.
 */
export const Respaldos = () => {
  const { aprobar, dialogo } = useAprobacion();
  const estado = useRespaldos((s) => s.estado);
  const actualizacion = useRespaldos((s) => s.actualizacion);
  const nota = useRespaldos((s) => s.nota);
  const ocupado = useRespaldos((s) => s.ocupado);
  // Only what the person is typing lives here; the section's data and calls live in its store.
  const [carpeta, setCarpeta] = useState('');
  const [otroArchivo, setOtroArchivo] = useState('');
  const [desde, setDesde] = useState(() => `${hoy().slice(0, 8)}01`);
  const [hasta, setHasta] = useState(hoy);
  const [url, setUrl] = useState('');
  /** Another store's backup, waiting for the person to confirm it naming both RUCs. */
  const [otroRuc, setOtroRuc] = useState<{
    archivo: string;
    rucRespaldo: string;
    rucTienda: string;
  } | null>(null);

  useEffect(() => {
    const store = respaldosStore();
    void store.getState().cargar();
    // The channel field starts with the saved address once it is known.
    return store.subscribe((s, antes) => {
      if (s.actualizacion !== antes.actualizacion && antes.actualizacion === null) {
        setUrl(s.actualizacion?.url ?? '');
      }
    });
  }, []);

  const { hacer } = respaldosStore().getState();
  const acciones = respaldosStore().getState();

  const tomar = () => hacer(() => acciones.tomar(), 'Respaldo tomado.');

  const elegirCarpeta = (e: FormEvent) => {
    e.preventDefault();
    void hacer(
      () =>
        aprobar('Cambiar la carpeta de respaldos', 'administrador', async (autorizacion) => {
          const error = await acciones.elegirCarpeta(carpeta, autorizacion);
          if (error === null) setCarpeta('');
          return error;
        }),
      'Carpeta de respaldos guardada; se tomó la primera copia.',
    );
  };

  const restaurarAprobado = (
    archivo: string,
    confirmarOtroRuc?: { rucRespaldo: string; rucTienda: string },
  ) => {
    let mensaje = 'Restauración preparada.';
    return hacer(
      () =>
        aprobar(
          confirmarOtroRuc === undefined
            ? 'Restaurar un respaldo'
            : `Restaurar el respaldo del RUC ${confirmarOtroRuc.rucRespaldo} sobre la tienda del RUC ${confirmarOtroRuc.rucTienda}`,
          'administrador',
          async (autorizacion) => {
            const r = await acciones.restaurar(archivo, autorizacion, confirmarOtroRuc);
            if (!r.ok) return r.error;
            mensaje = r.value;
            return null;
          },
        ),
      () => mensaje,
    );
  };

  /** Checks the backup first: an altered one is refused before any PIN; another RUC asks. */
  const restaurar = async (archivo: string) => {
    setOtroRuc(null);
    const revisado = await acciones.revisar(archivo);
    if (!revisado.ok) {
      await hacer(async () => revisado.error, '');
      return;
    }
    const { rucRespaldo, rucTienda } = revisado.value;
    if (rucRespaldo !== null && rucTienda !== null && rucRespaldo !== rucTienda) {
      setOtroRuc({ archivo, rucRespaldo, rucTienda });
      return;
    }
    await restaurarAprobado(archivo);
  };

  const exportar = async (que: 'archivo' | 'diagnostico') => {
    let mensaje = 'Exportado.';
    return hacer(
      async () => {
        const r = await acciones.exportar(que, { desde, hasta, descargar: enNavegador() });
        if (!r.ok) return r.error;
        descargar(r.value);
        mensaje = `Archivo guardado en ${r.value.archivo}.`;
        return null;
      },
      () => mensaje,
    );
  };

  const configurarCanal = (e: FormEvent) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const canal = new FormData(form).get('canal') === 'beta' ? 'beta' : 'estable';
    void hacer(
      () =>
        aprobar('Cambiar el canal de actualizaciones', 'administrador', (autorizacion) =>
          acciones.configurarCanal(url, canal, autorizacion),
        ),
      'Canal de actualizaciones guardado.',
    );
  };

  const instalar = () =>
    hacer(
      () =>
        aprobar('Instalar la actualización ahora', 'supervisor', async (autorizacion) => {
          if (autorizacion === undefined) {
            return { code: 'autorizacion_requerida', message: 'Se necesita un supervisor.' };
          }
          return acciones.instalarActualizacion(autorizacion);
        }),
      'Instalando: Mostrador se reinicia.',
    );

  return (
    <div className="ajustes-seccion-cuerpo" data-testid="respaldos">
      <MostrarNota nota={nota} testId="respaldos-nota" />
      {estado?.aviso ? (
        <p className="ajustes-aviso" role="status" data-testid="respaldos-aviso">
          {estado.aviso}
        </p>
      ) : null}
      {estado?.pendiente ? (
        <div className="ajustes-confirmar" role="status">
          <p>
            Al volver a iniciar se restaurará {estado.pendiente.origen} (preparado el{' '}
            {fecha(estado.pendiente.solicitadaEn)}).
          </p>
          <button
            type="button"
            className="boton boton-secundario"
            disabled={ocupado}
            onClick={() =>
              void hacer(
                () =>
                  aprobar('Cancelar la restauración', 'administrador', (autorizacion) =>
                    acciones.cancelarRestauracion(autorizacion),
                  ),
                'Restauración cancelada.',
              )
            }
          >
            Cancelar la restauración
          </button>
        </div>
      ) : null}

      <form className="ajustes-formulario" onSubmit={elegirCarpeta}>
        <h3>Respaldos</h3>
        <p className="ajustes-ayuda">
          Cada día se guarda una copia (se conservan 7 diarias, 4 semanales y 12 mensuales), y otra
          antes de cada actualización. Elija un disco externo o una carpeta de red.
        </p>
        <dl className="ajustes-resumen">
          <dt>Carpeta actual</dt>
          <dd data-testid="carpeta-respaldos">{estado?.carpeta ?? '…'}</dd>
        </dl>
        <div className="ajustes-campo">
          <label htmlFor="respaldos-carpeta">Nueva carpeta (ruta completa)</label>
          <input
            id="respaldos-carpeta"
            value={carpeta}
            onChange={(e) => setCarpeta(e.target.value)}
            placeholder={enNavegador() ? '/media/usb/respaldos' : 'Vacío: elegir con un diálogo'}
          />
        </div>
        <div className="ajustes-acciones">
          <button type="submit" className="boton boton-secundario" disabled={ocupado}>
            Cambiar carpeta
          </button>
          <button type="button" className="boton" disabled={ocupado} onClick={() => void tomar()}>
            Respaldar ahora
          </button>
        </div>
      </form>

      <div className="ajustes-formulario">
        <h3>Restaurar</h3>
        {otroRuc !== null ? (
          <div className="ajustes-confirmar" role="alert" data-testid="respaldo-otro-ruc">
            <p>
              Este respaldo es de otra tienda: <strong>RUC {otroRuc.rucRespaldo}</strong>. Esta
              tienda es el <strong>RUC {otroRuc.rucTienda}</strong>. Restaurarlo reemplaza todos sus
              datos (ventas, usuarios, emisor) por los de la otra. ¿Restaurarlo de todos modos?
            </p>
            <button
              type="button"
              className="boton boton-peligro"
              disabled={ocupado}
              data-testid="confirmar-otro-ruc"
              onClick={() => {
                const { archivo, rucRespaldo, rucTienda } = otroRuc;
                setOtroRuc(null);
                void restaurarAprobado(archivo, { rucRespaldo, rucTienda });
              }}
            >
              Sí, restaurar el respaldo del RUC {otroRuc.rucRespaldo}
            </button>
            <button
              type="button"
              className="boton boton-secundario"
              onClick={() => setOtroRuc(null)}
            >
              No
            </button>
          </div>
        ) : null}
        <p className="ajustes-ayuda">
          Se revisa el respaldo (integridad, versión y que no fue alterado) y se guarda una copia de
          la base actual antes de reemplazarla. Después, vuelva a importar la firma electrónica si
          es otra computadora.
        </p>
        <ul className="ajustes-lista" data-testid="lista-respaldos">
          {(estado?.respaldos ?? []).map((r) => (
            <li key={r.ruta} data-testid="respaldo" data-tipo={r.tipo}>
              <span>
                {fechaHora(r.tomadoEn)} · {TIPOS[r.tipo]} · {tamano(r.bytes)}
              </span>{' '}
              <button
                type="button"
                className="boton boton-secundario boton-pequeno"
                disabled={ocupado}
                onClick={() => void restaurar(r.ruta)}
              >
                Restaurar
              </button>
            </li>
          ))}
        </ul>
        <div className="ajustes-campo">
          <label htmlFor="respaldos-otro">Otro archivo de respaldo (ruta completa)</label>
          <input
            id="respaldos-otro"
            value={otroArchivo}
            onChange={(e) => setOtroArchivo(e.target.value)}
          />
        </div>
        <div className="ajustes-acciones">
          <button
            type="button"
            className="boton boton-secundario"
            disabled={ocupado || otroArchivo.trim() === ''}
            onClick={() => void restaurar(otroArchivo.trim())}
          >
            Restaurar este archivo
          </button>
        </div>
      </div>

      <div className="ajustes-formulario">
        <h3>Archivo de comprobantes y diagnóstico</h3>
        <p className="ajustes-ayuda">
          Los comprobantes autorizados del rango (XML firmado, autorización y RIDE) en un ZIP con
          índice, para guardarlos los años que exige el SRI.
        </p>
        <div className="ajustes-campo">
          <label htmlFor="archivo-desde">Desde</label>
          <input
            id="archivo-desde"
            type="date"
            value={desde}
            onChange={(e) => setDesde(e.target.value)}
          />
        </div>
        <div className="ajustes-campo">
          <label htmlFor="archivo-hasta">Hasta</label>
          <input
            id="archivo-hasta"
            type="date"
            value={hasta}
            onChange={(e) => setHasta(e.target.value)}
          />
        </div>
        <div className="ajustes-acciones">
          <button
            type="button"
            className="boton"
            disabled={ocupado}
            onClick={() => void exportar('archivo')}
          >
            Exportar comprobantes
          </button>
          <button
            type="button"
            className="boton boton-secundario"
            disabled={ocupado}
            onClick={() => void exportar('diagnostico')}
          >
            Exportar diagnóstico
          </button>
        </div>
      </div>

      <form className="ajustes-formulario" onSubmit={configurarCanal}>
        <h3>Actualizaciones</h3>
        <dl className="ajustes-resumen">
          <dt>Versión instalada</dt>
          <dd>{actualizacion?.version ?? '…'}</dd>
          <dt>Estado</dt>
          <dd data-testid="estado-actualizacion">
            {actualizacion === null ? '…' : textoActualizacion(actualizacion.estado)}
          </dd>
        </dl>
        <div className="ajustes-campo">
          <label htmlFor="actualizaciones-url">Dirección del canal</label>
          <input
            id="actualizaciones-url"
            type="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
        </div>
        <fieldset>
          <legend>Canal</legend>
          <label className="ajustes-casilla">
            <input
              type="radio"
              name="canal"
              value="estable"
              defaultChecked={actualizacion?.canal !== 'beta'}
            />{' '}
            Estable
          </label>
          <label className="ajustes-casilla">
            <input
              type="radio"
              name="canal"
              value="beta"
              defaultChecked={actualizacion?.canal === 'beta'}
            />{' '}
            Beta
          </label>
        </fieldset>
        <div className="ajustes-acciones">
          <button type="submit" className="boton boton-secundario" disabled={ocupado}>
            Guardar canal
          </button>
          <button
            type="button"
            className="boton boton-secundario"
            disabled={ocupado}
            onClick={() =>
              void hacer(() => acciones.revisarActualizaciones(), 'Revisión terminada.')
            }
          >
            Buscar ahora
          </button>
          {actualizacion?.estado.fase === 'lista' ? (
            <button
              type="button"
              className="boton"
              disabled={ocupado || actualizacion.estado.esperas.length > 0}
              onClick={() => void instalar()}
            >
              Instalar ahora
            </button>
          ) : null}
        </div>
      </form>
      {dialogo}
    </div>
  );
};
