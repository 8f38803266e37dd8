import { useCobro } from '../../stores/cobro';

/**
 * The buyer's e-mail in F3 (issue 19): the invoice goes there once authorized. A refused address
 * says why in Spanish, and «Seguir sin correo» uses the buyer without one, so the sale goes on.
 */
export const CampoCorreoComprador = () => {
  const email = useCobro((s) => s.edicionComprador.email);
  const errorCorreo = useCobro((s) => s.edicionComprador.errorCorreo);
  const guardando = useCobro((s) => s.edicionComprador.guardando);
  const editar = useCobro((s) => s.editarComprador);
  const usarSinCorreo = useCobro((s) => s.usarSinCorreo);
  return (
    <>
      <label>
        Correo electrónico (para enviar la factura)
        <input
          className="campo"
          type="email"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={errorCorreo !== null}
          aria-describedby={errorCorreo === null ? undefined : 'comprador-error-correo'}
          value={email}
          onChange={(ev) => editar({ email: ev.target.value })}
          data-testid="comprador-email"
        />
      </label>
      {errorCorreo === null ? null : (
        <div className="cobro-invalido" role="alert" data-testid="comprador-error-correo">
          <p id="comprador-error-correo">{errorCorreo}</p>
          <button
            type="button"
            className="boton boton-secundario"
            disabled={guardando}
            onClick={() => void usarSinCorreo()}
          >
            Seguir sin correo
          </button>
        </div>
      )}
    </>
  );
};

/**
 * The e-mail the buyer typed on the customer display (issue 19 §4), offered to the cashier for
 * this cart: Enter in the empty scan field uses it (as if typed in F3), Esc discards it. A
 * scanner always types a code before its Enter, so a scan never accepts it by accident.
 */
export const CorreoPropuesto = () => {
  const propuesto = useCobro((s) =>
    s.correoPropuesto !== null && s.correoPropuesto.ventaId === s.ventaId && s.comprador !== null
      ? s.correoPropuesto.email
      : null,
  );
  const aceptar = useCobro((s) => s.aceptarCorreoPropuesto);
  const descartar = useCobro((s) => s.descartarCorreoPropuesto);
  if (propuesto === null) return null;
  return (
    <div className="cobro-mensaje" role="status" data-testid="correo-propuesto">
      <p>
        El cliente escribió en su pantalla: <strong>{propuesto}</strong> — <kbd>Enter</kbd> para
        usarlo, <kbd>Esc</kbd> para descartarlo.
      </p>
      <button type="button" className="boton" onClick={() => void aceptar()}>
        Usar
      </button>
      <button type="button" className="boton boton-secundario" onClick={descartar}>
        Descartar
      </button>
    </div>
  );
};
