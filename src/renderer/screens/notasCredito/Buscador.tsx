import { CampoFecha } from '../../components/CampoFecha';
import { fechaPersona } from '../../fechas';
import { useNotasCredito } from '../../stores/notasCredito';
import { formatoDolares } from '../cobro/dinero';

/** Search by number, clave de acceso, buyer or date; Enter searches, one match opens. */
export const Buscador = () => {
  const texto = useNotasCredito((s) => s.texto);
  const fecha = useNotasCredito((s) => s.fecha);
  const resultados = useNotasCredito((s) => s.resultados);
  const buscando = useNotasCredito((s) => s.buscando);
  const setTexto = useNotasCredito((s) => s.setTexto);
  const setFecha = useNotasCredito((s) => s.setFecha);
  const buscar = useNotasCredito((s) => s.buscar);
  const abrir = useNotasCredito((s) => s.abrir);
  return (
    <section className="nc-buscador" aria-labelledby="nc-buscar-titulo">
      <h2 id="nc-buscar-titulo">Buscar la factura</h2>
      <form
        className="nc-buscador-form"
        onSubmit={(e) => {
          e.preventDefault();
          void buscar();
        }}
      >
        <label className="nc-campo nc-campo-ancho">
          <span>Número, clave de acceso, cédula/RUC o nombre del comprador</span>
          <input
            type="search"
            value={texto}
            onChange={(e) => setTexto(e.target.value)}
            placeholder="001-001-000000123"
            autoComplete="off"
            data-enfoque-inicial
            // biome-ignore lint/a11y/noAutofocus: coming back from an invoice, the next search is typed here.
            autoFocus
            data-testid="nc-buscar"
          />
        </label>
        <label className="nc-campo" htmlFor="nc-fecha">
          <span>Fecha de emisión</span>
          <CampoFecha id="nc-fecha" valor={fecha} alCambiar={setFecha} />
        </label>
        <button type="submit" className="boton" disabled={buscando}>
          {buscando ? 'Buscando…' : 'Buscar'}
        </button>
      </form>
      {resultados === null || resultados.length <= 1 ? null : (
        <ul className="nc-resultados" aria-label="Facturas encontradas">
          {resultados.map((f) => (
            <li key={f.id}>
              <button
                type="button"
                className="nc-resultado"
                onClick={() => void abrir(f.id)}
                aria-describedby={f.noElegible === null ? undefined : `nc-no-${f.id}`}
              >
                <span className="nc-resultado-numero">{f.numero}</span>
                <span>{fechaPersona(f.fechaEmision)}</span>
                <span>{f.comprador.razonSocial}</span>
                <span className="nc-importe">{formatoDolares(f.totalCentavos)}</span>
                {f.noElegible === null ? null : (
                  <span id={`nc-no-${f.id}`} className="nc-no-elegible">
                    {f.noElegible}
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
};
