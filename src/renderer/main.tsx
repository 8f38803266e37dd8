import './zodSinEval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createCliente, mensajes } from './api';
import { ErrorBoundary } from './components';
import { vigilarCarrito } from './screens/ajustes/carritoAbierto';
import { esPantallaCliente, montarPantallaCliente } from './screens/cliente/montar';
import { Recuperacion } from './screens/Recuperacion';
import { conectarAcercaDe } from './stores/acercaDe';
import { conectarAjustes } from './stores/ajustes';
import { appStore, conectarApp } from './stores/app';
import { avisosStore } from './stores/avisos';
import { conectarBalanza } from './stores/balanza';
import { conectarCaja } from './stores/caja';
import { conectarCapacitacion } from './stores/capacitacion';
import { persistirCarrito } from './stores/carritoPersistente';
import { conectarCobro } from './stores/cobro';
import { conectarConciliacion } from './stores/conciliacion';
import { conectarCorreo } from './stores/correo';
import { conectarCorreoConciliacion } from './stores/correoConciliacion';
import { conectarEmisor } from './stores/emisor';
import { conectarFactio } from './stores/factio';
import { conectarFirma } from './stores/firma';
import { conectarImpresoras } from './stores/impresoras';
import { conectarLocal } from './stores/local';
import { conectarNotasCredito } from './stores/notasCredito';
import { conectarReportes } from './stores/reportes';
import { conectarRespaldos } from './stores/respaldos';
import { conectarSesion } from './stores/sesion';

const raiz = document.getElementById('root');
if (raiz === null) throw new Error('index.html no tiene el elemento #root');

/** The cashier's app: the client of the whole contract and every store. */
const arrancarCaja = (raiz: HTMLElement): void => {
  const cliente = createCliente(window, () =>
    avisosStore.getState().avisar({ code: 'evento_invalido', message: mensajes.eventoInvalido }),
  );

  /** The normal app: every store connected to main. */
  const iniciar = (): void => {
    conectarApp(cliente, appStore, avisosStore);
    const cobro = conectarCobro(cliente.api);
    vigilarCarrito(cobro, cliente.api);
    void persistirCarrito(cobro, cliente.api);
    conectarFactio(cliente.api);
    const conciliacion = conectarConciliacion(cliente.api);
    conectarCorreoConciliacion(cliente.api, conciliacion);
    conectarCaja(cliente.api);
    conectarSesion(cliente.api);
    conectarAjustes(cliente.api);
    conectarRespaldos(cliente.api);
    conectarEmisor(cliente.api);
    conectarFirma(cliente.api);
    conectarLocal(cliente.api);
    conectarBalanza(cliente.api);
    conectarCapacitacion(cliente.api);
    conectarCorreo(cliente.api);
    conectarAcercaDe(cliente.api);
    conectarImpresoras(cliente.api);
    conectarNotasCredito(cliente.api);
    conectarReportes(cliente.api);
    // Events sent while the connection was down are lost: lists showing a status ask again.
    let conexionAnterior: string | null = null;
    cliente.onConexion((estado) => {
      if (estado === 'conectado' && conexionAnterior === 'reconectando') {
        void cobro.getState().refrescarRecientes();
        void conciliacion.getState().cargar();
      }
      conexionAnterior = estado;
    });

    createRoot(raiz).render(
      <StrictMode>
        <ErrorBoundary lugar="Mostrador">
          <App />
        </ErrorBoundary>
      </StrictMode>,
    );
  };

  // A damaged database: main serves only the recovery calls, so no store is connected (issue 17).
  // The check comes first; a main that cannot answer it falls through to the normal app.
  void cliente.api.call('recuperacion.estado', {}).then((estado) => {
    if (!estado.ok || !estado.value.necesaria) {
      iniciar();
      // The database may turn out damaged while running: reload into the recovery screen.
      cliente.api.subscribe('recuperacion', () => window.location.reload());
      return;
    }
    createRoot(raiz).render(
      <StrictMode>
        <ErrorBoundary lugar="la recuperación">
          <Recuperacion
            api={cliente.api}
            estado={estado.value}
            alTerminar={() => window.location.reload()}
          />
        </ErrorBoundary>
      </StrictMode>,
    );
  });
};

// The customer display (issue 18 §6) is the same page at /cliente: it listens, never calls.
if (esPantallaCliente(window)) montarPantallaCliente(window, raiz);
else arrancarCaja(raiz);
