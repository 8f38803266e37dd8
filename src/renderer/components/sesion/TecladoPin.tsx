import { type KeyboardEvent, useEffect, useId, useRef } from 'react';

type Props = {
  pin: string;
  onCambiar: (pin: string) => void;
  onEnviar: () => void;
  etiqueta?: string;
  error?: string | null;
  deshabilitado?: boolean;
  /** Take the focus when shown. */
  autoEnfocar?: boolean;
};

const TECLAS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/**
 * A PIN field with an on-screen keypad: typed on the keyboard (digits, Backspace, Enter) or
 * touched. The digits never show; the keypad buttons are not tab stops so Tab goes from the
 * field to the form's buttons.
 */
export const TecladoPin = ({
  pin,
  onCambiar,
  onEnviar,
  etiqueta = 'PIN',
  error = null,
  deshabilitado = false,
  autoEnfocar = false,
}: Props) => {
  const id = useId();
  const campo = useRef<HTMLInputElement>(null);
  // A refused PIN is typed again at once: the field keeps (or gets back) the focus.
  useEffect(() => {
    if (error !== null) campo.current?.focus();
  }, [error]);
  const agregar = (d: string) => {
    if (pin.length < 8) onCambiar(pin + d);
    campo.current?.focus();
  };
  const alPulsar = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      onEnviar();
    }
  };
  return (
    <div className="teclado-pin">
      <label htmlFor={id} className="teclado-pin-etiqueta">
        {etiqueta}
      </label>
      <input
        id={id}
        ref={campo}
        className="teclado-pin-campo"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={8}
        value={pin}
        // Read-only, not disabled, while checking: a disabled field would drop the focus.
        readOnly={deshabilitado}
        // biome-ignore lint/a11y/noAutofocus: the dialog opens to type a PIN, nothing else.
        autoFocus={autoEnfocar}
        aria-invalid={error !== null}
        aria-describedby={error === null ? undefined : `${id}-error`}
        data-testid="campo-pin"
        onChange={(e) => onCambiar(e.target.value.replace(/\D/g, '').slice(0, 8))}
        onKeyDown={alPulsar}
      />
      {error === null ? null : (
        <p id={`${id}-error`} className="teclado-pin-error" role="alert">
          {error}
        </p>
      )}
      <div className="teclado-pin-teclas">
        {TECLAS.map((d) => (
          <button
            key={d}
            type="button"
            tabIndex={-1}
            className="boton boton-secundario"
            disabled={deshabilitado}
            onClick={() => agregar(d)}
          >
            {d}
          </button>
        ))}
        <button
          type="button"
          tabIndex={-1}
          className="boton boton-secundario"
          disabled={deshabilitado}
          aria-label="Borrar un dígito"
          onClick={() => {
            onCambiar(pin.slice(0, -1));
            campo.current?.focus();
          }}
        >
          ⌫
        </button>
        <button
          type="button"
          tabIndex={-1}
          className="boton boton-secundario"
          disabled={deshabilitado}
          onClick={() => agregar('0')}
        >
          0
        </button>
        <button
          type="button"
          tabIndex={-1}
          className="boton"
          disabled={deshabilitado}
          aria-label="Aceptar"
          onClick={onEnviar}
        >
          ✓
        </button>
      </div>
    </div>
  );
};
