import { useEffect, useRef, useState } from 'react';
import type { Autorizacion, RolUsuario } from '../../shared/contract/sesion';
import { alcanzaRol, useSesion } from '../stores/sesion';
import { ElegirUsuario } from './sesion/ElegirUsuario';
import { TecladoPin } from './sesion/TecladoPin';

type Props = {
  abierta: boolean;
  /** What is being authorized, shown to the supervisor: «Emitir la nota de crédito». */
  accion: string;
  /** Lowest role that may authorize; main checks it again. */
  rolMinimo?: Exclude<RolUsuario, 'cajero'>;
  /**
   * Runs the action with `{ usuarioId, pin }`; returns the Spanish error to show (wrong PIN,
   * role, anything else) to keep the dialog open, or null when done.
   */
  onAutorizar: (autorizacion: Autorizacion) => Promise<string | null>;
  onCancelar: () => void;
};

/**
 * The inline authorization of a sensitive action: a supervisor (or administrador) picks their
 * name and types their PIN on the cashier's screen. Keyboard and touch; Esc cancels.
 */
export const AutorizacionSupervisor = ({
  abierta,
  accion,
  rolMinimo = 'supervisor',
  onAutorizar,
  onCancelar,
}: Props) => {
  const usuarios = useSesion((s) => s.usuarios);
  const recargar = useSesion((s) => s.recargar);
  const ref = useRef<HTMLDialogElement>(null);
  const [elegido, setElegido] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [enviando, setEnviando] = useState(false);
  const elegidoRef = useRef(elegido);
  elegidoRef.current = elegido;
  const habilitados = usuarios.filter((u) => u.activo && alcanzaRol(u.rol, rolMinimo));

  useEffect(() => {
    const dialogo = ref.current;
    if (dialogo === null) return;
    if (abierta && !dialogo.open) {
      setPin('');
      setError(null);
      void recargar();
      dialogo.showModal();
      // Who authorizes first, unless there is only one choice: then straight to the PIN.
      const destino =
        elegidoRef.current === null
          ? dialogo.querySelector<HTMLElement>('input[type="radio"]')
          : dialogo.querySelector<HTMLElement>('[data-testid="campo-pin"]');
      destino?.focus();
    }
    if (!abierta && dialogo.open) dialogo.close();
  }, [abierta, recargar]);

  useEffect(() => {
    if (elegido === null && habilitados.length === 1) setElegido(habilitados[0]?.id ?? null);
  }, [elegido, habilitados]);

  const enviar = async () => {
    if (enviando) return;
    if (elegido === null) {
      setError('Elija quién autoriza.');
      return;
    }
    if (pin.length < 4) {
      setError('Escriba el PIN de 4 a 8 dígitos.');
      return;
    }
    setEnviando(true);
    const fallo = await onAutorizar({ usuarioId: elegido, pin });
    setEnviando(false);
    setPin('');
    setError(fallo);
  };

  return (
    <dialog
      ref={ref}
      className="dialogo dialogo-sesion"
      aria-labelledby="autorizacion-titulo"
      aria-describedby="autorizacion-accion"
      data-testid="dialogo-autorizacion"
      onCancel={(e) => {
        e.preventDefault();
        if (!enviando) onCancelar();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void enviar();
        }}
      >
        <h2 id="autorizacion-titulo">
          Autorización de {rolMinimo === 'administrador' ? 'un administrador' : 'un supervisor'}
        </h2>
        <p id="autorizacion-accion">{accion}</p>
        <ElegirUsuario
          leyenda="¿Quién autoriza?"
          nombre="autoriza-usuario"
          usuarios={habilitados}
          elegido={elegido}
          onElegir={(id) => {
            setElegido(id);
            setError(null);
          }}
        />
        <TecladoPin
          pin={pin}
          onCambiar={setPin}
          onEnviar={() => void enviar()}
          error={error}
          deshabilitado={enviando}
        />
        <div className="dialogo-acciones">
          <button type="submit" className="boton" disabled={enviando} data-testid="autorizar">
            {enviando ? 'Autorizando…' : 'Autorizar'}
          </button>
          <button
            type="button"
            className="boton boton-secundario"
            disabled={enviando}
            onClick={onCancelar}
          >
            Cancelar
          </button>
        </div>
      </form>
    </dialog>
  );
};
