import { type FormEvent, useEffect, useState } from 'react';
import type {
  AmbienteFactio,
  ConciliacionFactio,
  FactioEstado,
} from '../../../shared/contract/sync';
import { factioStore, useFactio } from '../../stores/factio';
import { useAprobacion } from './comun';

const ESTADOS: Record<FactioEstado['estado'], string> = {
  sin_clave: 'Sin clave: no se envía nada a Factio. Las ventas siguen normalmente.',
  activa: 'Sincronizando normalmente.',
  pausada: 'En pausa: Factio rechazó la clave.',
  sin_conexion: 'Sin conexión con Factio: se reintentará solo.',
  esperando: 'Factio pidió esperar: se reanudará enseguida.',
};

const RECURSOS: Record<string, string> = {
  emisores: 'Emisor, establecimientos y puntos',
  productos: 'Productos',
  compradores: 'Compradores',
};

const fechaHora = (iso: string | null): string =>
  iso === null
    ? 'nunca'
    : new Date(iso).toLocaleString('es-EC', { dateStyle: 'short', timeStyle: 'short' });

/**
 * Ajustes → «API de Factio»: the key (entered here, kept only in the OS keychain; the screen
 * only learns whether there is one and its last four characters), the environment, a connection
 * test, and the live state of the sync with its last error. The data and the calls live in its
 * store (`stores/factio.ts`); only what the person is typing lives here.
 */
export const SeccionFactio = () => {
  const estado = useFactio((s) => s.estado);
  const aviso = useFactio((s) => s.nota);
  const ocupado = useFactio((s) => s.ocupado);
  const [clave, setClave] = useState('');
  const [ambiente, setAmbiente] = useState<AmbienteFactio>('sandbox');
  const [url, setUrl] = useState('');
  const { aprobar, dialogo } = useAprobacion();

  useEffect(() => {
    const store = factioStore();
    void store.getState().cargar();
    // The environment fields start with the saved ones once they are known.
    return store.subscribe((s, antes) => {
      if (s.estado !== null && antes.estado === null) {
        setAmbiente(s.estado.ambiente);
        setUrl(s.estado.urlPersonalizada ? s.estado.url : '');
      }
    });
  }, []);

  const acciones = factioStore().getState();

  const guardarClave = (e: FormEvent) => {
    e.preventDefault();
    void acciones.hacer(
      () =>
        aprobar('Guardar la clave de Factio', 'administrador', async (autorizacion) => {
          const error = await acciones.guardarClave(clave, autorizacion);
          if (error === null) setClave('');
          return error;
        }),
      'Clave guardada en el llavero del sistema.',
    );
  };
  const eliminarClave = () =>
    void acciones.hacer(
      () =>
        aprobar('Eliminar la clave de Factio', 'administrador', (autorizacion) =>
          acciones.eliminarClave(autorizacion),
        ),
      'Clave eliminada del llavero.',
    );
  const guardarAmbiente = (e: FormEvent) => {
    e.preventDefault();
    void acciones.hacer(
      () =>
        aprobar('Cambiar el servidor de Factio', 'administrador', (autorizacion) =>
          acciones.configurar(ambiente, url, autorizacion),
        ),
      'Ambiente guardado.',
    );
  };
  const probar = () => {
    let mensaje = '';
    void acciones.hacer(
      async () => {
        const r = await acciones.probar();
        if (!r.ok) return r.error;
        mensaje = r.value;
        return null;
      },
      () => mensaje,
    );
  };
  const sincronizar = () =>
    void acciones.hacer(() => acciones.sincronizar(), 'Sincronización pedida.');

  return (
    <div className="ajustes-formulario" data-testid="ajustes-factio">
      {dialogo}
      {estado !== null && (
        <section aria-label="Estado de la sincronización">
          <p>
            Clave:{' '}
            <strong>
              {estado.configurada
                ? `configurada (termina en ${estado.claveFinal ?? '····'})`
                : 'no configurada'}
            </strong>
          </p>
          <p>{ESTADOS[estado.estado]}</p>
          {estado.mensaje !== null && <p role="alert">{estado.mensaje}</p>}
          <p>
            Última sincronización: {fechaHora(estado.ultimaSincronizacion)}
            {estado.sincronizando ? ' (sincronizando ahora…)' : ''}. Documentos por enviar:{' '}
            {estado.pendientes}.
          </p>
          {estado.conError > 0 && (
            <p role="alert">
              {estado.conError} documento(s) rechazados por Factio necesitan revisión
              {estado.ultimoErrorDocumento === null ? '.' : `: ${estado.ultimoErrorDocumento}`}
            </p>
          )}
          <ul>
            {estado.recursos.map((r) => (
              <li key={r.recurso}>
                {RECURSOS[r.recurso] ?? r.recurso}: {fechaHora(r.ultimaSincronizacion)}
                {r.error === null ? '' : ` — ${r.error}`}
              </li>
            ))}
          </ul>
        </section>
      )}

      <form onSubmit={guardarClave}>
        <div className="ajustes-campo">
          <label htmlFor="factio-clave">Clave de la API</label>
          <input
            id="factio-clave"
            type="password"
            autoComplete="off"
            value={clave}
            onChange={(e) => setClave(e.target.value)}
          />
        </div>
        <button type="submit" disabled={ocupado || clave.trim() === ''}>
          Guardar clave
        </button>{' '}
        <button
          type="button"
          disabled={ocupado || estado?.configurada !== true}
          onClick={eliminarClave}
        >
          Eliminar clave
        </button>{' '}
        <button type="button" disabled={ocupado || estado?.configurada !== true} onClick={probar}>
          Probar conexión
        </button>{' '}
        <button
          type="button"
          disabled={ocupado || estado?.configurada !== true}
          onClick={sincronizar}
        >
          Sincronizar ahora
        </button>
      </form>

      <form onSubmit={guardarAmbiente}>
        <div className="ajustes-campo">
          <label htmlFor="factio-ambiente">Ambiente de Factio</label>
          <select
            id="factio-ambiente"
            value={ambiente}
            onChange={(e) =>
              setAmbiente(e.target.value === 'produccion' ? 'produccion' : 'sandbox')
            }
          >
            <option value="sandbox">Sandbox (pruebas)</option>
            <option value="produccion">Producción</option>
          </select>
        </div>
        <div className="ajustes-campo">
          <label htmlFor="factio-url">Dirección propia (opcional)</label>
          <input
            id="factio-url"
            type="url"
            placeholder="https://…"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
        </div>
        <button type="submit" disabled={ocupado}>
          Guardar ambiente
        </button>
      </form>

      {aviso !== null && (
        <p role={aviso.tipo === 'error' ? 'alert' : 'status'} data-testid="factio-aviso">
          {aviso.texto}
        </p>
      )}
    </div>
  );
};

/**
 * For Conciliación: documents per day emitted here, confirmed by Factio, and what Factio says it
 * holds. Days where the three differ are marked.
 */
export const ResumenFactioPorDia = ({ desde, hasta }: { desde: string; hasta: string }) => {
  const [datos, setDatos] = useState<ConciliacionFactio | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let activo = true;
    void factioStore()
      .getState()
      .conciliacion(desde, hasta)
      .then((r) => {
        if (!activo) return;
        if (r.ok) setDatos(r.value);
        else setError(r.error.message);
      });
    return () => {
      activo = false;
    };
  }, [desde, hasta]);
  if (error !== null) return <p role="alert">{error}</p>;
  if (datos === null) return <p>Consultando a Factio…</p>;
  return (
    <table data-testid="factio-conciliacion">
      <caption>Documentos aquí y en Factio</caption>
      <thead>
        <tr>
          <th scope="col">Día</th>
          <th scope="col">Emitidos aquí</th>
          <th scope="col">Confirmados por Factio</th>
          <th scope="col">En Factio</th>
        </tr>
      </thead>
      <tbody>
        {datos.dias.map((d) => (
          <tr
            key={d.fecha}
            data-diferencia={d.enFactio !== null && d.enFactio !== d.locales ? 'si' : 'no'}
          >
            <td>{d.fecha}</td>
            <td>{d.locales}</td>
            <td>{d.confirmados}</td>
            <td>{d.enFactio ?? '—'}</td>
          </tr>
        ))}
      </tbody>
      {datos.mensaje !== null && (
        <tfoot>
          <tr>
            <td colSpan={4}>{datos.mensaje}</td>
          </tr>
        </tfoot>
      )}
    </table>
  );
};
