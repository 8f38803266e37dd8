import { useEffect, useRef, useState } from 'react';
import { useSesion } from '../../stores/sesion';
import { ElegirUsuario } from './ElegirUsuario';
import { TecladoPin } from './TecladoPin';

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
  // No users yet (a new store): Ajustes creates the first administrador, nothing to log into.
  const hayUsuarios = usuarios.some((u) => u.activo);
  const abierta = cargada && (cambiando || (usuario === null && hayUsuarios));
  const ref = useRef<HTMLDialogElement>(null);
  const [elegido, setElegido] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [enviando, setEnviando] = useState(false);

  useEffect(() => {
    const dialogo = ref.current;
    if (dialogo === null) return;
    if (abierta && !dialogo.open) {
      setPin('');
      setError(null);
      dialogo.showModal();
    }
    if (!abierta && dialogo.open) dialogo.close();
  }, [abierta]);

  const activos = usuarios.filter((u) => u.activo);
  const enviar = async () => {
    if (enviando) return;
    if (elegido === null) {
      setError('Elija su nombre en la lista.');
      return;
    }
    if (pin.length < 4) {
      setError('Escriba su PIN de 4 a 8 dígitos.');
      return;
    }
    setEnviando(true);
    const fallo = await iniciar(elegido, pin);
    setEnviando(false);
    setPin('');
    setError(fallo?.message ?? null);
  };

  return (
    <dialog
      ref={ref}
      className="dialogo dialogo-sesion"
      aria-labelledby="ingreso-titulo"
      data-testid="dialogo-ingreso"
      onCancel={(e) => {
        // Without a user the counter stays locked: Esc does not close the login.
        if (usuario === null) e.preventDefault();
        else cancelar();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void enviar();
        }}
      >
        <h2 id="ingreso-titulo">{usuario === null ? 'Ingresar' : 'Cambiar usuario'}</h2>
        <ElegirUsuario
          leyenda="¿Quién atiende?"
          nombre="ingreso-usuario"
          usuarios={activos}
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
          <button type="submit" className="boton" disabled={enviando}>
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
