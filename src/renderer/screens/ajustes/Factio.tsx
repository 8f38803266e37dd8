import { type FormEvent, useEffect, useState } from 'react';
import type { CallInput, CallName, CallOutput, MostradorApi } from '../../../shared/contract';
import type {
  AmbienteFactio,
  ConciliacionFactio,
  FactioEstado,
} from '../../../shared/contract/sync';
import type { Result } from '../../../shared/result';
import { useAprobacion } from './comun';

/** The part of the API this section uses; tests give a fake. */
export type FactioApi = {
  call: <K extends CallName>(name: K, input: CallInput<K>) => Promise<Result<CallOutput<K>>>;
  subscribe: MostradorApi['subscribe'];
};

let conectada: FactioApi | null = null;

/** Called once at start (`main.tsx`), like the other screens' stores. */
export const conectarFactio = (api: FactioApi): void => {
  conectada = api;
};

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
 * test, and the live state of the sync with its last error.
 */
export const SeccionFactio = () => {
  const api = conectada;
  const [estado, setEstado] = useState<FactioEstado | null>(null);
  const [clave, setClave] = useState('');
  const [ambiente, setAmbiente] = useState<AmbienteFactio>('sandbox');
  const [url, setUrl] = useState('');
  const [aviso, setAviso] = useState<{ tipo: 'ok' | 'error'; texto: string } | null>(null);
  const [ocupado, setOcupado] = useState(false);
  const { aprobar, dialogo } = useAprobacion();

  useEffect(() => {
    if (api === null) return;
    let activo = true;
    const tomar = (e: FactioEstado) => {
      setEstado(e);
      setAmbiente(e.ambiente);
      setUrl(e.urlPersonalizada ? e.url : '');
    };
    void api.call('factio.estado', {}).then((r) => {
      if (activo && r.ok) tomar(r.value);
      else if (activo && !r.ok) setAviso({ tipo: 'error', texto: r.error.message });
    });
    const dejar = api.subscribe('sincronizacion', (e) => setEstado(e));
    return () => {
      activo = false;
      dejar();
    };
  }, []);

  if (api === null) return <p role="alert">La sección de Factio no está conectada.</p>;

  const correr = async <K extends CallName>(
    nombre: K,
    input: CallInput<K>,
    exito: (v: CallOutput<K>) => string,
  ): Promise<void> => {
    setOcupado(true);
    setAviso(null);
    const r = await api.call(nombre, input);
    setOcupado(false);
    if (!r.ok) {
      setAviso({ tipo: 'error', texto: r.error.message });
      return;
    }
    setAviso({ tipo: 'ok', texto: exito(r.value) });
  };

  /** Key and server changes are an administrador's, with a single-use approval (issue 15). */
  const correrAprobado = async <
    K extends 'factio.guardarClave' | 'factio.eliminarClave' | 'factio.configurar',
  >(
    accion: string,
    nombre: K,
    input: CallInput<K>,
    exito: (v: CallOutput<K>) => string,
  ): Promise<void> => {
    setAviso(null);
    const desenlace = await aprobar(accion, 'administrador', async (autorizacion) => {
      setOcupado(true);
      const r = await api.call(nombre, {
        ...input,
        ...(autorizacion === undefined ? {} : { autorizacion }),
      });
      setOcupado(false);
      if (!r.ok) return r.error;
      setAviso({ tipo: 'ok', texto: exito(r.value) });
      return null;
    });
    if (desenlace !== null && desenlace !== 'cancelado') {
      setAviso({ tipo: 'error', texto: desenlace.message });
    }
  };

  const guardarClave = (e: FormEvent) => {
    e.preventDefault();
    void correrAprobado('Guardar la clave de Factio', 'factio.guardarClave', { clave }, (v) => {
      setEstado(v);
      setClave('');
      return 'Clave guardada en el llavero del sistema.';
    });
  };
  const guardarAmbiente = (e: FormEvent) => {
    e.preventDefault();
    void correrAprobado(
      'Cambiar el servidor de Factio',
      'factio.configurar',
      { ambiente, url: url.trim() === '' ? null : url.trim() },
      (v) => {
        setEstado(v);
        return 'Ambiente guardado.';
      },
    );
  };

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
          onClick={() =>
            void correrAprobado(
              'Eliminar la clave de Factio',
              'factio.eliminarClave',
              { confirmar: true },
              (v) => {
                setEstado(v);
                return 'Clave eliminada del llavero.';
              },
            )
          }
        >
          Eliminar clave
        </button>{' '}
        <button
          type="button"
          disabled={ocupado || estado?.configurada !== true}
          onClick={() => void correr('factio.probar', {}, (v) => v.mensaje)}
        >
          Probar conexión
        </button>{' '}
        <button
          type="button"
          disabled={ocupado || estado?.configurada !== true}
          onClick={() =>
            void correr('factio.sincronizar', {}, (v) => {
              setEstado(v);
              return 'Sincronización pedida.';
            })
          }
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
  const api = conectada;
  const [datos, setDatos] = useState<ConciliacionFactio | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (api === null) return;
    let activo = true;
    void api.call('factio.conciliacion', { desde, hasta }).then((r) => {
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
