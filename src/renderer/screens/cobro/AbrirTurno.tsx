import { useId, useRef, useState } from 'react';
import { useDialogoModal } from '../../components/useDialogoModal';
import { parseMontoCentavos } from './dinero';

type Props = {
  abierta: boolean;
  /** Opens the shift with this float and charges; the Spanish error to show, or null. */
  onAbrir: (fondoCentavos: number) => Promise<string | null>;
  onCancelar: () => void;
};

/**
 * F12 with no open cash shift (issue 15): every sale must fall in some Z report, so Cobro offers
 * to open the shift right here — type the float, Enter opens it and charges the same cart.
 */
export const AbrirTurno = ({ abierta, onAbrir, onCancelar }: Props) => {
  const [fondo, setFondo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [enviando, setEnviando] = useState(false);
  const campo = useRef<HTMLInputElement>(null);
  const id = useId();
  const ref = useDialogoModal(abierta, () => {
    setFondo('');
    setError(null);
    campo.current?.focus();
  });

  const enviar = async () => {
    if (enviando) return;
    const centavos = fondo.trim() === '' ? 0 : parseMontoCentavos(fondo);
    if (centavos === null) {
      setError('Escriba el fondo de caja, por ejemplo 50 o 20.50.');
      return;
    }
    setEnviando(true);
    const fallo = await onAbrir(centavos);
    setEnviando(false);
    setError(fallo);
  };

  return (
    <dialog
      ref={ref}
      className="dialogo"
      aria-labelledby={`${id}-titulo`}
      data-testid="dialogo-abrir-turno"
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
        <h2 id={`${id}-titulo`}>Abrir el turno de caja</h2>
        <p>No hay un turno abierto. Escriba el fondo de caja y pulse Enter: se abre y se cobra.</p>
        <label htmlFor={`${id}-fondo`}>Fondo de caja ($)</label>
        <input
          id={`${id}-fondo`}
          ref={campo}
          className="campo"
          inputMode="decimal"
          autoComplete="off"
          placeholder="0.00"
          value={fondo}
          onChange={(e) => setFondo(e.target.value)}
          aria-invalid={error !== null}
          aria-describedby={error === null ? undefined : `${id}-error`}
          data-testid="fondo-turno"
        />
        {error === null ? null : (
          <p id={`${id}-error`} role="alert" className="dialogo-error">
            {error}
          </p>
        )}
        <div className="dialogo-acciones">
          <button
            type="submit"
            className="boton"
            disabled={enviando}
            data-testid="abrir-turno-cobrar"
          >
            {enviando ? 'Abriendo…' : 'Abrir turno y cobrar'}
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
