import type { KeyboardEvent, RefObject } from 'react';
import type { FormaPagoCaja } from '../../../shared/contract/ventas';
import { useCobro } from '../../stores/cobro';
import { nombreFormaPago } from './atajosCobro';
import { formatoDolares, parseMontoCentavos } from './dinero';
import { Cifra } from './Resumen';

const BILLETES = [100, 500, 1000, 2000] as const;

type Props = {
  /** Propina being typed (Alt+P); null while the field is closed. */
  propina: string | null;
  setPropina: (texto: string | null) => void;
  campoPropina: RefObject<HTMLInputElement | null>;
  /** Applies the typed propina (empty or 0 removes it) and goes back to the scanner. */
  aplicarPropina: () => void;
  monto: string;
  setMonto: (texto: string) => void;
  campoMonto: RefObject<HTMLInputElement | null>;
  /** Adds a payment of `formaPago` for the typed amount, or for what is missing when empty. */
  pagar: (formaPago: FormaPagoCaja) => void;
  cobrar: () => void;
};

/** Cash with change, cards and transfers, mixed as needed; then Cobrar. */
export const Pagos = ({
  propina,
  setPropina,
  campoPropina,
  aplicarPropina,
  monto,
  setMonto,
  campoMonto,
  pagar,
  cobrar,
}: Props) => {
  const pagos = useCobro((s) => s.pagos);
  const calculo = useCobro((s) => s.calculo);
  const agregarPago = useCobro((s) => s.agregarPago);
  const quitarPago = useCobro((s) => s.quitarPago);
  const cobrando = useCobro((s) => s.cobrando);
  const hayLineas = useCobro((s) => s.lineas.length > 0);

  const alPulsar = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter') {
      e.preventDefault();
      pagar('01');
    }
  };
  const montoInvalido = monto.trim() !== '' && parseMontoCentavos(monto) === null;
  const propinaInvalida =
    propina !== null && propina.trim() !== '' && parseMontoCentavos(propina) === null;
  const sugerida = calculo?.propinaSugeridaCentavos ?? null;

  return (
    <section
      className="cobro-tarjeta cobro-pagos"
      aria-labelledby="pagos-titulo"
      data-testid="pagos"
    >
      <h2 id="pagos-titulo">Pago</h2>
      {propina === null ? null : (
        <div className="cobro-propina">
          <label htmlFor="campo-propina">
            Propina <kbd>Alt+P</kbd>
          </label>
          <input
            id="campo-propina"
            ref={campoPropina}
            className="campo"
            inputMode="decimal"
            autoComplete="off"
            placeholder="0.00"
            aria-invalid={propinaInvalida}
            aria-describedby="propina-ayuda"
            value={propina}
            onChange={(e) => setPropina(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                aplicarPropina();
              }
            }}
            data-testid="campo-propina"
          />
          <p id="propina-ayuda" className={propinaInvalida ? 'cobro-invalido' : 'cobro-ayuda'}>
            {propinaInvalida
              ? 'Escriba la propina con punto decimal, por ejemplo 2.50.'
              : `Enter la suma al total${sugerida === null ? '' : ` (10 % sugerido: ${formatoDolares(sugerida)})`}; vacío o 0 la quita. Esc cancela.`}
          </p>
        </div>
      )}
      <label htmlFor="monto-recibido">
        Monto recibido <kbd>F4</kbd>
      </label>
      <input
        id="monto-recibido"
        data-testid="monto-recibido"
        ref={campoMonto}
        className="campo campo-grande"
        inputMode="decimal"
        autoComplete="off"
        placeholder="0.00"
        aria-invalid={montoInvalido}
        aria-describedby="monto-ayuda"
        value={monto}
        onChange={(e) => setMonto(e.target.value)}
        onKeyDown={alPulsar}
      />
      <p id="monto-ayuda" className={montoInvalido ? 'cobro-invalido' : 'cobro-ayuda'}>
        {montoInvalido
          ? 'Escriba el monto con punto decimal, por ejemplo 20 o 4.50.'
          : 'Enter: efectivo. F6 débito, F7 crédito, F8 transferencia.'}
      </p>
      {pagos.length === 0 ? (
        <p className="cobro-nota" data-testid="sin-pagos">
          Sin pagos registrados: <kbd>F12</kbd> cobra el total exacto en efectivo.
        </p>
      ) : (
        <ul className="cobro-lista-pagos" data-testid="lista-pagos">
          {pagos.map((p) => (
            <li key={p.clave}>
              <span>{nombreFormaPago[p.formaPago]}</span>
              <span className="num">{formatoDolares(p.montoCentavos)}</span>
              <button
                type="button"
                className="boton-icono"
                aria-label={`Quitar pago de ${nombreFormaPago[p.formaPago]} por ${formatoDolares(p.montoCentavos)}`}
                onClick={() => quitarPago(p.clave)}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      {calculo === null || pagos.length === 0 ? null : (
        <dl className="cobro-cifras">
          <Cifra nombre="Recibido" valor={formatoDolares(calculo.pagadoCentavos)} testId="pagado" />
          {/* One of the two is zero: show the one that matters. */}
          {calculo.faltaCentavos > 0 ? (
            <Cifra nombre="Falta" valor={formatoDolares(calculo.faltaCentavos)} testId="falta" />
          ) : (
            <Cifra
              nombre="Vuelto"
              valor={formatoDolares(calculo.vueltoCentavos)}
              clase="cobro-vuelto"
              testId="vuelto"
            />
          )}
        </dl>
      )}
      <button
        type="button"
        className="boton cobro-cobrar"
        disabled={cobrando}
        onClick={cobrar}
        data-testid="cobrar"
      >
        {cobrando ? 'Cobrando…' : 'Cobrar'} <kbd>F12</kbd>
      </button>
      <fieldset className="cobro-billetes">
        <legend className="solo-lectores">Efectivo rápido</legend>
        {BILLETES.map((b) => (
          <button
            key={b}
            type="button"
            className="boton boton-secundario"
            disabled={!hayLineas}
            onClick={() => agregarPago('01', b)}
          >
            {formatoDolares(b)}
          </button>
        ))}
        <button
          type="button"
          className="boton boton-secundario"
          disabled={!hayLineas || calculo === null || calculo.faltaCentavos === 0}
          onClick={() => calculo !== null && agregarPago('01', calculo.faltaCentavos)}
        >
          Exacto
        </button>
      </fieldset>
      <fieldset className="cobro-billetes">
        <legend className="solo-lectores">Otras formas de pago</legend>
        <button
          type="button"
          className="boton boton-secundario"
          disabled={!hayLineas}
          onClick={() => pagar('16')}
        >
          Débito <kbd>F6</kbd>
        </button>
        <button
          type="button"
          className="boton boton-secundario"
          disabled={!hayLineas}
          onClick={() => pagar('19')}
        >
          Crédito <kbd>F7</kbd>
        </button>
        <button
          type="button"
          className="boton boton-secundario"
          disabled={!hayLineas}
          onClick={() => pagar('20')}
        >
          Transferencia <kbd>F8</kbd>
        </button>
      </fieldset>
    </section>
  );
};
