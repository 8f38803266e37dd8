import { useId, useState } from 'react';
import type { AprobacionEnLinea, RolUsuario, Usuario } from '../../../shared/contract/sesion';
import { esRechazoDeAprobacion } from '../../../shared/errores';
import { type AppError, assertNever } from '../../../shared/result';
import { ROL_TEXTO, useSesion } from '../../stores/sesion';
import { AprobacionSupervisor } from '../AprobacionSupervisor';

/** What waits for the administrador's PIN. */
type Pendiente =
  | { tipo: 'crear'; nombre: string; rol: RolUsuario; pin: string }
  | { tipo: 'pin'; usuario: Usuario; pin: string }
  | { tipo: 'desactivar'; usuario: Usuario };

const descripcion = (p: Pendiente): string => {
  switch (p.tipo) {
    case 'crear':
      return `Crear el usuario ${p.nombre} (${ROL_TEXTO[p.rol].toLowerCase()}).`;
    case 'pin':
      return `Cambiar el PIN de ${p.usuario.nombre}.`;
    case 'desactivar':
      return `Desactivar a ${p.usuario.nombre}: ya no podrá ingresar.`;
    default:
      return assertNever(p);
  }
};

const PIN = /^[0-9]{4,8}$/;

/**
 * Users and PINs (Ajustes, for the administrador): create, change a PIN, deactivate. Every
 * change asks for an administrador's PIN and is written to the audit log by main.
 */
export const GestionUsuarios = () => {
  const usuarios = useSesion((s) => s.usuarios);
  const { crearUsuario, cambiarPin, desactivar } = useSesion((s) => s);
  const id = useId();
  const [nombre, setNombre] = useState('');
  const [rol, setRol] = useState<RolUsuario>('cajero');
  const [pin, setPin] = useState('');
  const [pinNuevo, setPinNuevo] = useState<Record<string, string>>({});
  const [pendiente, setPendiente] = useState<Pendiente | null>(null);
  const [mensaje, setMensaje] = useState<{ tipo: 'error' | 'info'; texto: string } | null>(null);

  const ejecutar = async (p: Pendiente, a: AprobacionEnLinea): Promise<AppError | null> => {
    switch (p.tipo) {
      case 'crear':
        return crearUsuario({ nombre: p.nombre, rol: p.rol, pin: p.pin }, a);
      case 'pin':
        return cambiarPin(p.usuario.id, p.pin, a);
      case 'desactivar':
        return desactivar(p.usuario.id, a);
      default:
        return assertNever(p);
    }
  };

  const aprobar = async (a: AprobacionEnLinea): Promise<string | null> => {
    if (pendiente === null) return null;
    const error = await ejecutar(pendiente, a);
    if (error !== null && esRechazoDeAprobacion(error)) {
      return error.message;
    }
    setMensaje(
      error === null
        ? { tipo: 'info', texto: `Hecho: ${descripcion(pendiente)}` }
        : { tipo: 'error', texto: error.message },
    );
    if (error === null && pendiente.tipo === 'crear') {
      setNombre('');
      setPin('');
    }
    if (error === null && pendiente.tipo === 'pin') {
      setPinNuevo((v) => ({ ...v, [pendiente.usuario.id]: '' }));
    }
    setPendiente(null);
    return null;
  };

  return (
    <section className="gestion-usuarios" aria-labelledby={`${id}-titulo`}>
      <h2 id={`${id}-titulo`}>Usuarios y PIN</h2>
      {mensaje === null ? null : (
        <p
          className={`nc-mensaje nc-mensaje-${mensaje.tipo}`}
          role={mensaje.tipo === 'error' ? 'alert' : 'status'}
        >
          {mensaje.texto}
        </p>
      )}
      <table className="nc-lineas">
        <thead>
          <tr>
            <th scope="col">Nombre</th>
            <th scope="col">Rol</th>
            <th scope="col">Nuevo PIN</th>
            <th scope="col">Acciones</th>
          </tr>
        </thead>
        <tbody>
          {usuarios.map((u) => (
            <tr key={u.id}>
              <th scope="row">
                {u.nombre}
                {u.activo ? null : ' (desactivado)'}
              </th>
              <td>{ROL_TEXTO[u.rol]}</td>
              <td>
                <input
                  type="password"
                  inputMode="numeric"
                  autoComplete="new-password"
                  maxLength={8}
                  disabled={!u.activo}
                  aria-label={`Nuevo PIN de ${u.nombre}`}
                  value={pinNuevo[u.id] ?? ''}
                  onChange={(e) =>
                    setPinNuevo((v) => ({ ...v, [u.id]: e.target.value.replace(/\D/g, '') }))
                  }
                />
              </td>
              <td className="gestion-usuarios-acciones">
                <button
                  type="button"
                  className="boton boton-secundario"
                  disabled={!u.activo}
                  onClick={() => {
                    const nuevo = pinNuevo[u.id] ?? '';
                    if (!PIN.test(nuevo)) {
                      setMensaje({ tipo: 'error', texto: 'El PIN debe tener de 4 a 8 dígitos.' });
                      return;
                    }
                    setPendiente({ tipo: 'pin', usuario: u, pin: nuevo });
                  }}
                >
                  Cambiar PIN
                </button>
                <button
                  type="button"
                  className="boton boton-secundario"
                  disabled={!u.activo}
                  onClick={() => setPendiente({ tipo: 'desactivar', usuario: u })}
                >
                  Desactivar
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="nc-formulario"
        onSubmit={(e) => {
          e.preventDefault();
          if (nombre.trim().length < 2) {
            setMensaje({ tipo: 'error', texto: 'Escriba el nombre del usuario.' });
            return;
          }
          if (!PIN.test(pin)) {
            setMensaje({ tipo: 'error', texto: 'El PIN debe tener de 4 a 8 dígitos.' });
            return;
          }
          setPendiente({ tipo: 'crear', nombre: nombre.trim(), rol, pin });
        }}
      >
        <label className="nc-campo nc-campo-ancho">
          <span>Nombre</span>
          <input value={nombre} maxLength={80} onChange={(e) => setNombre(e.target.value)} />
        </label>
        <label className="nc-campo">
          <span>Rol</span>
          <select value={rol} onChange={(e) => setRol(e.target.value as RolUsuario)}>
            <option value="cajero">Cajero</option>
            <option value="supervisor">Supervisor</option>
            <option value="administrador">Administrador</option>
          </select>
        </label>
        <label className="nc-campo">
          <span>PIN (4 a 8 dígitos)</span>
          <input
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            maxLength={8}
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
          />
        </label>
        <button type="submit" className="boton">
          Crear usuario
        </button>
      </form>
      <AprobacionSupervisor
        abierta={pendiente !== null}
        accion={pendiente === null ? '' : descripcion(pendiente)}
        rolMinimo="administrador"
        onAprobar={aprobar}
        onCancelar={() => setPendiente(null)}
      />
    </section>
  );
};
