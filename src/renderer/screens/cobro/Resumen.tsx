import type { CertificadoEstado } from '../../../shared/contract/certificado';
import { useCobro, type VentaReciente } from '../../stores/cobro';
import { nombreEstado } from './atajosCobro';
import { formatoDolares, formatoTarifa } from './dinero';

type CifraProps = { nombre: string; valor: string; clase?: string; testId?: string };

/** One name–amount pair of a `<dl>`, grouped so the list stays valid HTML. */
export const Cifra = ({ nombre, valor, clase, testId }: CifraProps) => (
  <div className={clase === undefined ? 'cobro-cifra' : `cobro-cifra ${clase}`}>
    <dt>{nombre}</dt>
    <dd data-testid={testId}>{valor}</dd>
  </div>
);

/** Who the invoice is for; consumidor final unless F3 says otherwise. */
export const TarjetaComprador = ({ alCambiar }: { alCambiar: () => void }) => {
  const comprador = useCobro((s) => s.comprador);
  return (
    <section
      className="cobro-tarjeta cobro-comprador"
      aria-labelledby="tarjeta-comprador"
      data-testid="comprador"
    >
      <h2 id="tarjeta-comprador">Comprador</h2>
      {comprador === null ? (
        <p className="comprador-nombre">Consumidor final</p>
      ) : (
        <>
          <p className="comprador-nombre">{comprador.razonSocial}</p>
          <p className="cobro-nota">
            {comprador.tipoIdentificacion === '04'
              ? 'RUC'
              : comprador.tipoIdentificacion === '05'
                ? 'Cédula'
                : 'Identificación'}{' '}
            {comprador.identificacion}
          </p>
          {comprador.email === undefined ? null : (
            <p className="cobro-nota" data-testid="comprador-correo">
              Factura por correo a {comprador.email}
            </p>
          )}
        </>
      )}
      <button type="button" className="boton boton-secundario" onClick={alCambiar}>
        Cambiar <kbd>F3</kbd>
      </button>
    </section>
  );
};

/** Running totals with IVA per rate, as main computed them. */
export const Totales = () => {
  const calculo = useCobro((s) => s.calculo);
  const calculando = useCobro((s) => s.calculando);
  const hayLineas = useCobro((s) => s.lineas.length > 0);
  const t = calculo?.totales;
  return (
    <section
      className="cobro-tarjeta cobro-totales"
      aria-labelledby="totales-titulo"
      aria-busy={calculando}
      data-testid="totales"
    >
      <h2 id="totales-titulo">Totales</h2>
      {t === undefined || !hayLineas ? (
        <p className="cobro-nota">{hayLineas ? 'Calculando…' : 'Sin productos todavía.'}</p>
      ) : (
        <dl className="cobro-cifras">
          {/* Without a discount the subtotal only repeats the bases below. */}
          {t.descuentoCentavos > 0 ? (
            <>
              <Cifra nombre="Subtotal" valor={formatoDolares(t.subtotalCentavos)} />
              <Cifra nombre="Descuento" valor={formatoDolares(-t.descuentoCentavos)} />
            </>
          ) : null}
          {t.impuestos.map((i) => (
            <Cifra
              key={`base-${i.codigoPorcentaje}`}
              nombre={`Base IVA ${formatoTarifa(i.tarifa)}`}
              valor={formatoDolares(i.baseCentavos)}
            />
          ))}
          {t.impuestos
            .filter((i) => i.tarifa > 0)
            .map((i) => (
              <Cifra
                key={`iva-${i.codigoPorcentaje}`}
                nombre={`IVA ${formatoTarifa(i.tarifa)}`}
                valor={formatoDolares(i.valorCentavos)}
                testId={`iva-${i.codigoPorcentaje}`}
              />
            ))}
          {(t.propinaCentavos ?? 0) > 0 ? (
            <Cifra
              nombre="Propina"
              valor={formatoDolares(t.propinaCentavos ?? 0)}
              testId="propina"
            />
          ) : null}
          <Cifra
            nombre="Total"
            valor={formatoDolares(t.totalCentavos)}
            clase="cobro-total"
            testId="total"
          />
        </dl>
      )}
    </section>
  );
};

/** Rules the cart breaks right now, explained the moment they are broken. */
export const AvisosCarrito = () => {
  const avisos = useCobro((s) => s.calculo?.avisos);
  if (avisos === undefined || avisos.length === 0) return null;
  return (
    <div className="cobro-avisos" role="alert" data-testid="avisos-carrito">
      {avisos.map((a) => (
        <p key={a.code} data-code={a.code}>
          {a.message}
          {a.code === 'consumidor_final_excede_limite' ? (
            <>
              {' '}
              Pulse <kbd>F3</kbd> para escribir la cédula, el RUC o el pasaporte.
            </>
          ) : null}
        </p>
      ))}
    </div>
  );
};

/** The RIDE's print outcome: «Impreso.», «Guardado como PDF…», «No se imprimió: …» + retry. */
const UltimaImpresion = ({ impresion }: { impresion: NonNullable<VentaReciente['impresion']> }) => {
  const reintentar = useCobro((s) => s.reintentarImpresion);
  const mal = impresion.resultado === 'no_impreso';
  return (
    <p
      className={mal ? 'cobro-invalido' : 'cobro-nota'}
      data-testid="ultima-impresion"
      data-resultado={impresion.resultado}
      role={mal ? 'alert' : undefined}
    >
      {impresion.mensaje}
      {impresion.reintentable ? (
        <>
          {' '}
          <button
            type="button"
            className="boton boton-secundario"
            data-testid="reintentar-impresion"
            onClick={() => void reintentar()}
          >
            Reintentar
          </button>
        </>
      ) : null}
    </p>
  );
};

/** The last sale stays in view: its number, total and change, and how its trip to the SRI goes. */
export const UltimasVentas = ({ grande = false }: { grande?: boolean }) => {
  const recientes = useCobro((s) => s.recientes);
  const [ultima, ...anteriores] = recientes;
  if (ultima === undefined) return null;
  return (
    <section
      className={`cobro-tarjeta cobro-ultima${grande ? ' cobro-ultima-grande' : ''}`}
      aria-labelledby="ultima-titulo"
      data-testid="ultima-venta"
    >
      <h2 id="ultima-titulo">Última venta</h2>
      <p className="ultima-numero" data-testid="ultima-numero">
        Factura {ultima.numero}
      </p>
      <dl className="cobro-cifras">
        <Cifra nombre="Total" valor={formatoDolares(ultima.totalCentavos)} testId="ultima-total" />
        <Cifra nombre="Recibido" valor={formatoDolares(ultima.pagadoCentavos)} />
        <Cifra
          nombre="Vuelto"
          valor={formatoDolares(ultima.vueltoCentavos)}
          clase="cobro-vuelto"
          testId="ultima-vuelto"
        />
      </dl>
      {ultima.impresion === null ? null : <UltimaImpresion impresion={ultima.impresion} />}
      <ul className="cobro-recientes" aria-label="Estado en el SRI de las últimas ventas">
        {[ultima, ...anteriores].map((v) => (
          <li
            key={v.documentoId}
            data-testid="venta-reciente"
            data-estado={v.estado}
            data-numero={v.numero}
            data-documento-id={v.documentoId}
          >
            <span>{v.numero}</span>{' '}
            <span
              className={`estado estado-${v.estado === 'AUTHORIZED' ? 'ok' : v.estado === 'REJECTED' || v.estado === 'MANUAL_REVIEW_REQUIRED' ? 'mal' : 'espera'}`}
            >
              {nombreEstado(v.estado)}
            </span>
            {v.detalle === null ? null : <span className="cobro-nota"> — {v.detalle}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
};

/** Certificate expiry or a key that cannot sign: the cashier must know before the queue. */
export const AvisoCertificado = ({
  estado,
  simulador,
}: {
  estado: CertificadoEstado | null;
  /** Training mode signs with its own test certificate when none is imported. */
  simulador: boolean;
}) => {
  if (estado === null) return null;
  const problemas: string[] = [];
  if (estado.certificado === null) {
    // Training mode signs with its own test certificate; the banner already says so.
    if (!simulador) {
      problemas.push(
        'No hay firma electrónica cargada: no se pueden emitir facturas. Pida al administrador que la importe en Ajustes.',
      );
    }
  } else if (!estado.desbloqueado) {
    problemas.push(
      'La firma electrónica está bloqueada: no se pueden emitir facturas. Desbloquéela con su contraseña en Ajustes.',
    );
  }
  const otroRuc = estado.otroRuc != null && !estado.otroRuc.confirmado;
  if (otroRuc) {
    problemas.push(
      'La firma electrónica es de otro RUC: no se emiten facturas hasta que un administrador lo confirme en Ajustes › Firma electrónica.',
    );
  }
  if (estado.aviso !== null) problemas.push(estado.aviso.mensaje);
  problemas.push(...estado.advertencias);
  if (problemas.length === 0) return null;
  const grave =
    (estado.certificado === null && !simulador) ||
    (estado.certificado !== null && !estado.desbloqueado) ||
    otroRuc ||
    estado.aviso?.nivel === 'critico';
  return (
    <div
      className={grave ? 'cobro-certificado cobro-certificado-grave' : 'cobro-certificado'}
      role={grave ? 'alert' : 'status'}
      data-testid="aviso-certificado"
    >
      {problemas.map((p) => (
        <p key={p}>{p}</p>
      ))}
    </div>
  );
};
