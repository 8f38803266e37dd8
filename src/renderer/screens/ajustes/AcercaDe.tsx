import { useEffect } from 'react';
import { useAcercaDe } from '../../stores/acercaDe';
import { MostrarNota } from './comun';

/**
 * Which Mostrador this is and what it ships from others: SumatraPDF is GPLv3, so its licence,
 * copyright and source offer must be reachable from the app (docs/release.md).
 */
export const AcercaDe = () => {
  const datos = useAcercaDe((s) => s.datos);
  const error = useAcercaDe((s) => s.error);
  const cargar = useAcercaDe((s) => s.cargar);
  useEffect(() => {
    void cargar();
  }, [cargar]);

  return (
    <div className="ajustes-seccion-cuerpo" data-testid="seccion-acerca-de">
      {error !== null ? (
        <MostrarNota nota={{ tipo: 'error', texto: error }} testId="acerca-de-error" />
      ) : datos === null ? (
        <p>Cargando…</p>
      ) : (
        <>
          <p>
            <strong>Mostrador {datos.version}</strong>: punto de venta con facturación electrónica
            del SRI.
          </p>
          <p>
            Incluye programas de terceros con sus propias licencias. Los textos completos están en{' '}
            <code data-testid="carpeta-licencias">{datos.carpetaLicencias}</code>.
          </p>
          <pre className="acerca-terceros" data-testid="avisos-terceros">
            {datos.terceros}
          </pre>
        </>
      )}
    </div>
  );
};
