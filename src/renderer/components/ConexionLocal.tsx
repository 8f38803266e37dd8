import { useApp } from '../stores/app';

/** Shown while the page cannot hear the local service: the header may be out of date. */
export const ConexionLocal = () => {
  const conexion = useApp((s) => s.conexionLocal);
  if (conexion !== 'reconectando') return null;
  return (
    <div className="aviso aviso-conexion" role="alert" data-testid="aviso-conexion-local">
      Se perdió la conexión con el servicio local de Mostrador. Reintentando… Si no vuelve en unos
      segundos, compruebe que «mostrador serve» siga abierto.
    </div>
  );
};
