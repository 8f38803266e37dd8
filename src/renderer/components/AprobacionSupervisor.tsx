import { useEffect } from 'react';
import type { AprobacionEnLinea, RolUsuario } from '../../shared/contract/sesion';
import { alcanzaRol, useSesion } from '../stores/sesion';
import { CamposPin, useFormularioPin } from './sesion/FormularioPin';
import { usuarioInicial } from './sesion/usuarioInicial';
import { useDialogoModal } from './useDialogoModal';

type Props = {
  abierta: boolean;
  /** What is being authorized, shown to the supervisor: «Emitir la nota de crédito». */
  accion: string;
  /** Lowest role that may authorize; main checks it again. */
  rolMinimo?: Exclude<RolUsuario, 'cajero'>;
  /**
   * Runs the action with `{ usuarioId, pin }` (the API client exchanges it, just before
   * sending, for a single-use approval of that call); returns the Spanish error to show (wrong
   * PIN, role, anything else) to keep the dialog open, or null when done.
   */
  onAprobar: (autorizacion: AprobacionEnLinea) => Promise<string | null>;
  onCancelar: () => void;
};

/**
 * A supervisor's approval of a sensitive action (not to be confused with the SRI's
 * autorización of a document): a supervisor (or administrador) picks their
 * name and types their PIN on the cashier's screen. Keyboard and touch; Esc cancels.
 */
export const AprobacionSupervisor = ({
  abierta,
  accion,
  rolMinimo = 'supervisor',
  onAprobar,
  onCancelar,
}: Props) => {
  const usuarios = useSesion((s) => s.usuarios);
  const actual = useSesion((s) => s.usuario);
  const ultimoAprobador = useSesion((s) => s.ultimoAprobador);
  const recordarAprobador = useSesion((s) => s.recordarAprobador);
  const recargar = useSesion((s) => s.recargar);
  const habilitados = usuarios.filter((u) => u.activo && alcanzaRol(u.rol, rolMinimo));
  const formulario = useFormularioPin(
    { sinUsuario: 'Elija quién autoriza.', pinCorto: 'Escriba el PIN de 4 a 8 dígitos.' },
    async (usuarioId, pin) => {
      const fallo = await onAprobar({ usuarioId, pin });
      if (fallo === null) recordarAprobador(usuarioId);
      return fallo;
    },
  );
  // The PIN lives in the form only while the dialog is open (issue 15).
  const { reiniciar } = formulario;
  useEffect(() => {
    if (!abierta) reiniciar();
  }, [abierta, reiniciar]);
  // Most likely first: a supervisor at the counter approves their own action; otherwise whoever
  // was picked here or approved last. Then straight to the PIN.
  const preferidos = [actual?.id, formulario.elegido, ultimoAprobador];
  const ref = useDialogoModal(abierta, (dialogo) => {
    void recargar();
    formulario.abrir(dialogo, habilitados, preferidos);
  });
  // The users may arrive after the dialog opened (a first approval right after start-up).
  const inicial = usuarioInicial(habilitados, preferidos);
  const { elegido, elegir } = formulario;
  useEffect(() => {
    if (abierta && elegido === null && inicial !== null) elegir(inicial);
  }, [abierta, elegido, elegir, inicial]);

  return (
    <dialog
      ref={ref}
      className="dialogo dialogo-sesion"
      aria-labelledby="autorizacion-titulo"
      aria-describedby="autorizacion-accion"
      data-testid="dialogo-autorizacion"
      onCancel={(e) => {
        e.preventDefault();
        if (!formulario.enviando) onCancelar();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void formulario.enviar();
        }}
      >
        <h2 id="autorizacion-titulo">
          Aprobación de {rolMinimo === 'administrador' ? 'un administrador' : 'un supervisor'}
        </h2>
        <p id="autorizacion-accion">{accion}</p>
        <CamposPin
          formulario={formulario}
          leyenda="¿Quién autoriza?"
          nombre="autoriza-usuario"
          usuarios={habilitados}
        />
        <div className="dialogo-acciones">
          <button
            type="submit"
            className="boton"
            disabled={formulario.enviando}
            data-testid="autorizar"
          >
            {formulario.enviando ? 'Autorizando…' : 'Autorizar'}
          </button>
          <button
            type="button"
            className="boton boton-secundario"
            disabled={formulario.enviando}
            onClick={onCancelar}
          >
            Cancelar
          </button>
        </div>
      </form>
    </dialog>
  );
};
