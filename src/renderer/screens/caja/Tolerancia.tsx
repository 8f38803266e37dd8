import { useId, useRef, useState } from 'react';
import { AprobacionSupervisor } from '../../components/AprobacionSupervisor';
import { useCaja } from '../../stores/caja';
import { alcanzaRol, useSesion } from '../../stores/sesion';
import { formatoDolares, parseMontoCentavos } from '../cobro/dinero';

/** The contract's bound of `caja.fijarTolerancia` (src/shared/contract/caja.ts). */
const MAXIMO_CENTAVOS = 100_000;

/**
 * The difference between counted and expected cash a cashier may close a shift with alone
 * (`caja.tolerancia_centavos`). Shown to supervisors and administradores; changing it needs an
 * administrador's approval (docs/security.md).
 */
export const Tolerancia = () => {
  const usuario = useSesion((s) => s.usuario);
  const actual = useCaja((s) => s.toleranciaCentavos);
  const fijar = useCaja((s) => s.fijarTolerancia);
  const [valor, setValor] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [nuevo, setNuevo] = useState<number | null>(null);
  const campo = useRef<HTMLInputElement>(null);
  const id = useId();
  if (usuario === null || !alcanzaRol(usuario.rol, 'supervisor')) return null;
  return (
    <form
      className="caja-panel"
      aria-labelledby={`${id}-titulo`}
      data-testid="tolerancia"
      onSubmit={(e) => {
        e.preventDefault();
        const centavos = parseMontoCentavos(valor);
        if (centavos === null) {
          setError('Escriba el margen en dólares, por ejemplo 1 o 2.50.');
        } else if (centavos > MAXIMO_CENTAVOS) {
          setError(`El margen no puede pasar de ${formatoDolares(MAXIMO_CENTAVOS)}.`);
        } else {
          setError(null);
          setNuevo(centavos);
          return;
        }
        campo.current?.focus();
      }}
    >
      <h2 id={`${id}-titulo`}>Margen de diferencia al cerrar</h2>
      <p className="caja-ayuda">
        Con una diferencia de hasta{' '}
        <strong data-testid="tolerancia-actual">{formatoDolares(actual)}</strong> (faltante o
        sobrante) el cajero cierra solo; si pasa, un supervisor autoriza el cierre. Lo cambia un
        administrador.
      </p>
      <label>
        Nuevo margen (USD)
        <input
          ref={campo}
          value={valor}
          onChange={(e) => setValor(e.target.value)}
          inputMode="decimal"
          autoComplete="off"
          data-testid="tolerancia-campo"
          aria-invalid={error !== null}
          aria-describedby={error === null ? undefined : `${id}-error`}
        />
      </label>
      {error === null ? null : (
        <p id={`${id}-error`} className="caja-error" role="alert" data-testid="tolerancia-error">
          {error}
        </p>
      )}
      <button type="submit" className="boton boton-secundario" data-testid="fijar-tolerancia">
        Cambiar el margen
      </button>
      <AprobacionSupervisor
        abierta={nuevo !== null}
        rolMinimo="administrador"
        accion={`Cambiar el margen de diferencia al cerrar de ${formatoDolares(actual)} a ${formatoDolares(nuevo ?? 0)}.`}
        onAprobar={async (autorizacion) => {
          if (nuevo === null) return 'Margen no válido.';
          const fallo = await fijar(nuevo, autorizacion);
          if (fallo === null) {
            setNuevo(null);
            setValor('');
          }
          return fallo;
        }}
        onCancelar={() => setNuevo(null)}
      />
    </form>
  );
};
