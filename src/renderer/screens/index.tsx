import { assertNever } from '../../shared/result';
import type { PantallaId } from '../pantallas';
import { Ajustes } from './Ajustes';
import { Caja } from './Caja';
import { Cobro } from './Cobro';
import { Conciliacion } from './Conciliacion';
import { NotasCredito } from './NotasCredito';
import { Reportes } from './Reportes';

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
      return <Reportes />;
    default:
      return assertNever(pantalla);
  }
};
