import './zodSinEval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createCliente, mensajes } from './api';
import { ErrorBoundary } from './components';
import { vigilarCarrito } from './screens/ajustes/carritoAbierto';
import { conectarFactio } from './screens/ajustes/Factio';
import { conectarAjustes } from './stores/ajustes';
import { appStore, conectarApp } from './stores/app';
import { avisosStore } from './stores/avisos';
import { conectarCaja } from './stores/caja';
import { conectarCobro } from './stores/cobro';
import { conectarConciliacion } from './stores/conciliacion';
import { conectarNotasCredito } from './stores/notasCredito';
import { conectarReportes } from './stores/reportes';
import { conectarSesion } from './stores/sesion';

const cliente = createCliente(window, () =>
  avisosStore.getState().avisar({ code: 'evento_invalido', message: mensajes.eventoInvalido }),
);
conectarApp(cliente, appStore, avisosStore);
vigilarCarrito(conectarCobro(cliente.api), cliente.api);
conectarFactio(cliente.api);
conectarConciliacion(cliente.api);
conectarCaja(cliente.api);
conectarSesion(cliente.api);
conectarAjustes(cliente.api);
conectarNotasCredito(cliente.api);
conectarReportes(cliente.api);

const raiz = document.getElementById('root');
if (raiz === null) throw new Error('index.html no tiene el elemento #root');

createRoot(raiz).render(
  <StrictMode>
    <ErrorBoundary lugar="Mostrador">
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
