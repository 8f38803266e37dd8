import { useCallback, useState } from 'react';
import type { Usuario } from '../../../shared/contract/sesion';
import { ElegirUsuario } from './ElegirUsuario';
import { TecladoPin } from './TecladoPin';
import { usuarioInicial } from './usuarioInicial';

type Mensajes = {
  /** Shown when nobody is picked: «Elija su nombre en la lista.» */
  sinUsuario: string;
  /** Shown for a PIN under 4 digits. */
  pinCorto: string;
};

/**
 * The state of «pick a user, type the PIN»: the login and the supervisor's authorization.
 * `autenticar` returns the Spanish error to show, or null; the PIN is cleared either way.
 */
export const useFormularioPin = (
  mensajes: Mensajes,
  autenticar: (usuarioId: string, pin: string) => Promise<string | null>,
) => {
  const [elegido, setElegido] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [enviando, setEnviando] = useState(false);

  const elegir = useCallback((usuarioId: string): void => {
    setElegido(usuarioId);
    setError(null);
  }, []);
  /** Clears what was typed (the PIN never outlives the dialog); who was picked stays. */
  const reiniciar = useCallback((): void => {
    setPin('');
    setError(null);
  }, []);
  /**
   * A fresh start each time the dialog opens, on the field the person types next: with a likely
   * user (`usuarioInicial`) chosen, the PIN; otherwise the list, where the focused user is the
   * chosen one, so arrows pick and Tab goes on to the PIN.
   */
  const abrir = useCallback(
    (
      dialogo: HTMLElement,
      usuarios: readonly Usuario[],
      preferidos: readonly (string | null | undefined)[],
    ): void => {
      setPin('');
      setError(null);
      const id = usuarioInicial(usuarios, preferidos);
      if (id !== null) {
        setElegido(id);
        dialogo.querySelector<HTMLElement>('[data-testid="campo-pin"]')?.focus();
        return;
      }
      // The list's first user among `usuarios` (the list may show more, e.g. who is at the
      // counter), focused and chosen (its value is the user's id); showModal may have focused a
      // radio already, so this does not wait for a focus event.
      const radios = [...dialogo.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
      const primero = radios.find((r) => usuarios.some((u) => u.id === r.value)) ?? radios[0];
      setElegido(primero?.value ?? null);
      primero?.focus();
    },
    [],
  );

  const enviar = async (): Promise<void> => {
    if (enviando) return;
    if (elegido === null) {
      setError(mensajes.sinUsuario);
      return;
    }
    if (pin.length < 4) {
      setError(mensajes.pinCorto);
      return;
    }
    setEnviando(true);
    const fallo = await autenticar(elegido, pin);
    setEnviando(false);
    setPin('');
    setError(fallo);
  };

  return {
    elegido,
    pin,
    error,
    enviando,
    setPin,
    enviar,
    elegir,
    reiniciar,
    abrir,
  };
};

export type FormularioPin = ReturnType<typeof useFormularioPin>;

type Props = {
  formulario: FormularioPin;
  leyenda: string;
  /** The radio group's name, unique on the page. */
  nombre: string;
  usuarios: readonly Usuario[];
};

/** Who (radio group) and the PIN pad, wired to a `useFormularioPin`. */
export const CamposPin = ({ formulario, leyenda, nombre, usuarios }: Props) => (
  <>
    <ElegirUsuario
      leyenda={leyenda}
      nombre={nombre}
      usuarios={usuarios}
      elegido={formulario.elegido}
      onElegir={formulario.elegir}
    />
    <TecladoPin
      pin={formulario.pin}
      onCambiar={formulario.setPin}
      onEnviar={() => void formulario.enviar()}
      error={formulario.error}
      deshabilitado={formulario.enviando}
    />
  </>
);
