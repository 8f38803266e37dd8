import { useEffect, useId, useState } from 'react';
import { useAjustes } from '../../stores/ajustes';
import { localStore, useLocal } from '../../stores/local';
import { MostrarNota, useAprobacion } from './comun';

/**
 * What the law asks of the store beyond its RUC: a restaurant may add the propina (Alt+P in
 * Cobro, 10 % suggested), and the province and canton decide where a decreed IVA 8 % holiday
 * applies to tourism services.
 */
export const LocalYUbicacion = () => {
  const local = useAjustes((s) => s.local);
  const nota = useLocal((s) => s.nota);
  const enviando = useLocal((s) => s.enviando);
  const { aprobar, dialogo } = useAprobacion();
  // Only what the person types lives here; saving lives in the store.
  const [esRestaurante, setEsRestaurante] = useState(false);
  const [provincia, setProvincia] = useState('');
  const [canton, setCanton] = useState('');
  const id = useId();

  useEffect(() => localStore().getState().olvidarNota(), []);
  useEffect(() => {
    if (local === null) return;
    setEsRestaurante(local.esRestaurante);
    setProvincia(local.provincia ?? '');
    setCanton(local.canton ?? '');
  }, [local]);

  return (
    <div className="ajustes-seccion-cuerpo" data-testid="seccion-local">
      <form
        className="ajustes-formulario"
        onSubmit={(e) => {
          e.preventDefault();
          const acciones = localStore().getState();
          void acciones.hacer(
            () =>
              aprobar(
                'Cambiar si la tienda es restaurante y su ubicación',
                'administrador',
                (autorizacion) =>
                  acciones.guardar({ esRestaurante, provincia, canton }, autorizacion),
              ),
            'Guardado.',
          );
        }}
      >
        <label>
          <input
            type="checkbox"
            checked={esRestaurante}
            onChange={(e) => setEsRestaurante(e.target.checked)}
            data-testid="local-restaurante"
          />{' '}
          Es restaurante: en Cobro, <kbd>Alt+P</kbd> agrega la propina (10 % sugerido)
        </label>
        <label htmlFor={`${id}-provincia`}>Provincia</label>
        <input
          id={`${id}-provincia`}
          autoComplete="off"
          value={provincia}
          onChange={(e) => setProvincia(e.target.value)}
        />
        <label htmlFor={`${id}-canton`}>Cantón</label>
        <input
          id={`${id}-canton`}
          autoComplete="off"
          value={canton}
          onChange={(e) => setCanton(e.target.value)}
        />
        <p className="ajustes-ayuda">
          La provincia y el cantón deciden en qué feriados decretados los servicios turísticos
          llevan IVA 8 %.
        </p>
        <button type="submit" className="boton" disabled={enviando}>
          Guardar
        </button>
        <MostrarNota nota={nota} testId="local-nota" />
      </form>
      {dialogo}
    </div>
  );
};
