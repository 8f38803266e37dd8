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
