import { BannerAtascados } from '../screens/conciliacion/BannerAtascados';
import { useApp } from '../stores/app';
import { BannerAmbiente } from './BannerAmbiente';
import { UsuarioActual } from './sesion';

const EstadoSri = () => {
  const enLinea = useApp((s) => s.enLinea);
  const fallida = useApp((s) => s.carga.tipo === 'fallida');
  // Without the local service the last state heard may be stale: do not claim «En línea».
  const sinServicio = useApp((s) => s.conexionLocal === 'reconectando');
  const desconocido = fallida || sinServicio ? 'Desconocido' : 'Comprobando…';
  const estado = sinServicio ? null : enLinea;
  const texto = estado === null ? desconocido : estado ? 'En línea' : 'Sin conexión';
  const clase = estado === null ? 'desconocido' : estado ? 'en-linea' : 'fuera-de-linea';
  return (
    <div className="indicador" data-testid="estado-sri">
      <span className="indicador-etiqueta">SRI</span>
      <span className={`insignia insignia-${clase}`}>
        <span className="insignia-punto" aria-hidden="true" />
        {texto}
      </span>
    </div>
  );
};

const ColaSri = () => {
  const pendientes = useApp((s) => s.outboxPendientes);
  const ultimoError = useApp((s) => s.ultimoErrorSri);
  return (
    <div className="indicador" data-testid="cola-sri">
      <span className="indicador-etiqueta">Por enviar al SRI</span>
      <span className="indicador-valor" title={ultimoError ?? undefined}>
        {pendientes === null ? '—' : pendientes}
      </span>
    </div>
  );
};

const minutos = (segundos: number): string => {
  const m = Math.round(Math.abs(segundos) / 60);
  return m >= 120 ? `${Math.round(m / 60)} horas` : `${m} minutos`;
};

/** The machine's clock is more than 5 minutes away from the SRI's: documents may be refused. */
const AvisoReloj = () => {
  const reloj = useApp((s) => s.relojSri);
  if (reloj === null || !reloj.desincronizado || reloj.desfaseSegundos === null) return null;
  const sentido = reloj.desfaseSegundos > 0 ? 'atrasada' : 'adelantada';
  return (
    <p className="ultimo-error" role="alert" data-testid="aviso-reloj-sri">
      La hora de este equipo está {sentido} {minutos(reloj.desfaseSegundos)} respecto del SRI.
      Corríjala: el SRI rechaza comprobantes con fecha fuera de plazo.
    </p>
  );
};

/** The store and the emission point this counter numbers documents for. */
const Tienda = () => {
  const tienda = useApp((s) => s.tienda);
  if (tienda === null) return null;
  return (
    <div className="tienda" data-testid="tienda">
      <span className="tienda-nombre">{tienda.nombreComercial ?? tienda.razonSocial}</span>
      <span className="tienda-punto">
        RUC {tienda.ruc} · Punto de emisión {tienda.establecimiento}-{tienda.puntoEmision}
      </span>
    </div>
  );
};

/** Top bar: who this is, whether documents are reaching the SRI, and the test-mode banner. */
export const Cabecera = () => {
  const version = useApp((s) => s.version);
  const ultimoError = useApp((s) => s.ultimoErrorSri);
  const desactualizado = useApp((s) => s.conexionLocal === 'reconectando');
  return (
    <header className="cabecera">
      <div className="cabecera-barra">
        <div className="marca">
          <span className="marca-nombre">Mostrador</span>
          {version === null ? null : <span className="marca-version">versión {version}</span>}
        </div>
        <Tienda />
        <UsuarioActual />
        {/* aria-live: a cashier using a screen reader hears when the SRI drops or the queue grows. */}
        <section className="indicadores" aria-label="Estado del envío al SRI" aria-live="polite">
          <EstadoSri />
          <ColaSri />
          <AvisoReloj />
          {ultimoError === null ? null : (
            <p className="ultimo-error" data-testid="ultimo-error-sri">
              Último error del SRI: {ultimoError}
            </p>
          )}
          {desactualizado ? (
            <p className="ultimo-error" data-testid="indicadores-desactualizados">
              Último dato conocido: no llegan novedades del servicio local.
            </p>
          ) : null}
        </section>
      </div>
      <BannerAmbiente />
      <BannerAtascados enCabecera />
    </header>
  );
};
