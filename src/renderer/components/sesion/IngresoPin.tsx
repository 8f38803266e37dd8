import { useSesion } from '../../stores/sesion';
import { useDialogoModal } from '../useDialogoModal';
import { CamposPin, useFormularioPin } from './FormularioPin';

/**
 * The PIN login: a modal shown while nobody is logged in (it cannot be dismissed then) and on
 * «Cambiar usuario» (Esc keeps the current user).
 */
export const IngresoPin = () => {
  const cargada = useSesion((s) => s.cargada);
  const usuario = useSesion((s) => s.usuario);
  const cambiando = useSesion((s) => s.cambiando);
  const usuarios = useSesion((s) => s.usuarios);
  const iniciar = useSesion((s) => s.iniciar);
  const cancelar = useSesion((s) => s.cancelarCambio);
  const ultimoUsuario = useSesion((s) => s.ultimoUsuario);
  // No users yet (a new store): Ajustes creates the first administrador, nothing to log into.
  const activos = usuarios.filter((u) => u.activo);
  const abierta = cargada && (cambiando || (usuario === null && activos.length > 0));
  const formulario = useFormularioPin(
    { sinUsuario: 'Elija su nombre en la lista.', pinCorto: 'Escriba su PIN de 4 a 8 dígitos.' },
    async (usuarioId, pin) => (await iniciar(usuarioId, pin))?.message ?? null,
  );
  // Nobody at the counter: start on who was (back from a logout). «Cambiar usuario» is for
  // someone else, so it starts on the list (or on the only other user).
  const ref = useDialogoModal(abierta, (dialogo) =>
    usuario === null
      ? formulario.abrir(dialogo, activos, [ultimoUsuario])
      : formulario.abrir(
          dialogo,
          activos.filter((u) => u.id !== usuario.id),
          [],
        ),
  );

  return (
    <dialog
      ref={ref}
      className="dialogo dialogo-sesion"
      aria-labelledby="ingreso-titulo"
      data-testid="dialogo-ingreso"
      onCancel={(e) => {
        // The state closes it, as it opened it. Without a user the counter stays locked.
        e.preventDefault();
        if (usuario !== null) cancelar();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void formulario.enviar();
        }}
      >
        <h2 id="ingreso-titulo">{usuario === null ? 'Ingresar' : 'Cambiar usuario'}</h2>
        <CamposPin
          formulario={formulario}
          leyenda="¿Quién atiende?"
          nombre="ingreso-usuario"
          usuarios={activos}
        />
        <div className="dialogo-acciones">
          <button type="submit" className="boton" disabled={formulario.enviando}>
            Ingresar
          </button>
          {usuario === null ? null : (
            <button type="button" className="boton boton-secundario" onClick={cancelar}>
              Cancelar
            </button>
          )}
        </div>
      </form>
    </dialog>
  );
};

/** Who is at the counter, in the header, with «Cambiar usuario». */
export const UsuarioActual = () => {
  const usuario = useSesion((s) => s.usuario);
  const abrir = useSesion((s) => s.abrirCambio);
  if (usuario === null) return null;
  return (
    <div className="indicador usuario-actual" data-testid="usuario-actual">
      <span className="indicador-etiqueta">Atiende</span>
      <span className="indicador-valor">{usuario.nombre}</span>
      <button type="button" className="boton boton-secundario boton-pequeno" onClick={abrir}>
        Cambiar usuario
      </button>
    </div>
  );
};
