import { type FormEvent, useEffect, useState } from 'react';
import { correoStore, type FormularioCorreo, formularioDe, useCorreo } from '../../stores/correo';
import { MostrarNota, useAprobacion } from './comun';

const ORIGEN: Record<'ajustes' | 'variable' | 'ninguno', string> = {
  ajustes: 'el servidor guardado aquí',
  variable: 'MOSTRADOR_SMTP_URL (guardar un servidor aquí lo reemplaza)',
  ninguno: 'ninguno: los correos a los compradores esperan hasta que guarde uno',
};

/**
 * Ajustes › Correo: the SMTP server the buyers' documents leave through (its password goes to
 * the OS keychain), the sender, Factio's e-mail as an alternative, and «Enviar prueba».
 */
export const SeccionCorreo = () => {
  const { aprobar, dialogo } = useAprobacion();
  const estado = useCorreo((s) => s.estado);
  const nota = useCorreo((s) => s.nota);
  const ocupado = useCorreo((s) => s.ocupado);
  // Only what the person is typing lives here; the data and the calls live in the store.
  const [form, setForm] = useState<FormularioCorreo>(() => formularioDe(null));
  const [para, setPara] = useState('');

  useEffect(() => {
    const store = correoStore();
    void store.getState().cargar();
    // The form starts with the saved settings once they are known.
    return store.subscribe((s, antes) => {
      if (s.estado !== null && antes.estado === null) setForm(formularioDe(s.estado));
    });
  }, []);

  const acciones = correoStore().getState();
  const campo = (k: keyof FormularioCorreo) => ({
    value: form[k],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value }),
  });

  const guardar = (e: FormEvent) => {
    e.preventDefault();
    void acciones.hacer(
      () =>
        aprobar('Guardar el servidor de correo', 'administrador', async (autorizacion) => {
          const error = await acciones.guardar(form, autorizacion);
          if (error === null) setForm((f) => ({ ...f, contrasena: '' }));
          return error;
        }),
      'Servidor de correo guardado; la contraseña quedó en el llavero del sistema.',
    );
  };

  const probar = (e: FormEvent) => {
    e.preventDefault();
    let mensaje = '';
    void acciones.hacer(
      () =>
        aprobar('Enviar un correo de prueba', 'administrador', async (autorizacion) => {
          const r = await acciones.probar(para, autorizacion);
          if (!r.ok) return r.error;
          mensaje = r.value;
          return null;
        }),
      () => mensaje,
    );
  };

  const eliminar = () =>
    void acciones.hacer(
      () => aprobar('Borrar el servidor de correo', 'administrador', (a) => acciones.eliminar(a)),
      'Servidor de correo borrado de Ajustes.',
    );

  return (
    <div className="ajustes-formulario" data-testid="ajustes-correo">
      {dialogo}
      {estado !== null && (
        <section aria-label="Estado del correo">
          <p>
            Servidor en uso: <strong>{ORIGEN[estado.origen]}</strong>
          </p>
          <p>Correos por enviar: {estado.pendientes}.</p>
          {estado.ultimoError !== null && <p role="alert">{estado.ultimoError}</p>}
        </section>
      )}
      <MostrarNota nota={nota} testId="correo-nota" />

      <form onSubmit={guardar}>
        <div className="ajustes-campo">
          <label htmlFor="correo-servidor">Servidor SMTP</label>
          <input id="correo-servidor" placeholder="smtp.correo.ec" {...campo('servidor')} />
        </div>
        <div className="ajustes-campo">
          <label htmlFor="correo-puerto">Puerto</label>
          <input id="correo-puerto" inputMode="numeric" {...campo('puerto')} />
        </div>
        <div className="ajustes-campo">
          <label htmlFor="correo-seguridad">Seguridad</label>
          <select
            id="correo-seguridad"
            value={form.seguridad}
            onChange={(e) =>
              setForm({ ...form, seguridad: e.target.value === 'tls' ? 'tls' : 'starttls' })
            }
          >
            <option value="starttls">STARTTLS (puerto 587)</option>
            <option value="tls">TLS (puerto 465)</option>
          </select>
        </div>
        <div className="ajustes-campo">
          <label htmlFor="correo-usuario">Usuario</label>
          <input id="correo-usuario" autoComplete="off" {...campo('usuario')} />
        </div>
        <div className="ajustes-campo">
          <label htmlFor="correo-contrasena">
            Contraseña
            {estado?.conContrasena === true ? ' (guardada; escriba otra para cambiarla)' : ''}
          </label>
          <input
            id="correo-contrasena"
            type="password"
            autoComplete="new-password"
            {...campo('contrasena')}
          />
        </div>
        <div className="ajustes-campo">
          <label htmlFor="correo-remitente-nombre">Nombre del remitente</label>
          <input
            id="correo-remitente-nombre"
            placeholder="El nombre comercial de la tienda"
            {...campo('remitenteNombre')}
          />
        </div>
        <div className="ajustes-campo">
          <label htmlFor="correo-remitente">Correo del remitente</label>
          <input id="correo-remitente" type="email" {...campo('remitenteCorreo')} />
        </div>
        <div className="ajustes-campo">
          <label htmlFor="correo-proveedor">Enviar los documentos por</label>
          <select
            id="correo-proveedor"
            value={form.proveedor}
            onChange={(e) =>
              setForm({ ...form, proveedor: e.target.value === 'factio' ? 'factio' : 'smtp' })
            }
          >
            <option value="smtp">Este servidor de correo</option>
            <option value="factio">El correo de Factio (documentos ya enviados a Factio)</option>
          </select>
        </div>
        <button type="submit" className="boton" disabled={ocupado} data-testid="correo-guardar">
          Guardar
        </button>{' '}
        <button
          type="button"
          className="boton boton-secundario"
          disabled={ocupado || estado?.origen !== 'ajustes'}
          onClick={eliminar}
        >
          Borrar
        </button>
      </form>

      <form onSubmit={probar}>
        <div className="ajustes-campo">
          <label htmlFor="correo-prueba">Enviar prueba a</label>
          <input
            id="correo-prueba"
            type="email"
            value={para}
            onChange={(e) => setPara(e.target.value)}
          />
        </div>
        <button
          type="submit"
          className="boton boton-secundario"
          disabled={ocupado || para.trim() === ''}
          data-testid="correo-probar"
        >
          Enviar prueba
        </button>
      </form>
    </div>
  );
};
