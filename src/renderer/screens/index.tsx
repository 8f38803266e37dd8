import { lazy, Suspense } from 'react';
import { assertNever } from '../../shared/result';
import type { PantallaId } from '../pantallas';
import { Ajustes } from './Ajustes';
import { Caja } from './Caja';
import { Cobro } from './Cobro';
import { Conciliacion } from './Conciliacion';
import { NotasCredito } from './NotasCredito';

// The charts library is loaded only when Reportes opens: the checkout never pays for it.
const Reportes = lazy(() => import('./Reportes').then((m) => ({ default: m.Reportes })));

export const PantallaActual = ({ pantalla }: { pantalla: PantallaId }) => {
  switch (pantalla) {
    case 'cobro':
      return <Cobro />;
    case 'notas-credito':
      return <NotasCredito />;
    case 'conciliacion':
      return <Conciliacion />;
    case 'caja':
      return <Caja />;
    case 'ajustes':
      return <Ajustes />;
    case 'reportes':
      return (
        <Suspense fallback={<p role="status">Cargando Reportes…</p>}>
          <Reportes />
        </Suspense>
      );
    default:
      return assertNever(pantalla);
  }
};
