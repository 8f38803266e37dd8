import { useCallback, useState } from 'react';
import type { Usuario } from '../../../shared/contract/sesion';
import { ElegirUsuario } from './ElegirUsuario';
import { TecladoPin } from './TecladoPin';

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
  /** A fresh start each time the dialog opens; who was picked stays, as a convenience. */
  const reiniciar = useCallback((): void => {
    setPin('');
    setError(null);
  }, []);

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
