import { useEffect, useId, useState } from 'react';
import { PRESETS_BALANZA, type PresetBalanza } from '../../../shared/contract/balanza';
import { useAjustes } from '../../stores/ajustes';
import {
  balanzaStore,
  type FormularioBalanza,
  formularioDe,
  useBalanza,
} from '../../stores/balanza';
import { MostrarNota, useAprobacion } from './comun';

const NOMBRES: Record<PresetBalanza, string> = {
  cas: 'CAS',
  digi: 'Digi',
  dibal: 'Dibal',
  systel: 'Systel',
};

/**
 * Scale labels (EAN-13, prefix 20–29): which layout the store's scale prints, so a scanned
 * label adds the product with its weight, or the quantity that gives its price.
 */
export const Balanza = () => {
  const balanza = useAjustes((s) => s.balanza);
  const nota = useBalanza((s) => s.nota);
  const enviando = useBalanza((s) => s.enviando);
  const { aprobar, dialogo } = useAprobacion();
  // Only what the person chooses and types lives here; saving lives in the store.
  const [f, setF] = useState<FormularioBalanza>(() => formularioDe(null));
  const id = useId();
  const poner = (cambio: Partial<FormularioBalanza>) =>
    setF((actual) => ({ ...actual, ...cambio }));

  useEffect(() => balanzaStore().getState().olvidarNota(), []);
  useEffect(() => {
    if (balanza !== null) setF(formularioDe(balanza.configuracion));
  }, [balanza]);

  return (
    <div className="ajustes-seccion-cuerpo" data-testid="seccion-balanza">
      <form
        className="ajustes-formulario"
        onSubmit={(e) => {
          e.preventDefault();
          const acciones = balanzaStore().getState();
          void acciones.hacer(
            () =>
              aprobar(
                'Cambiar el formato de las etiquetas de balanza',
                'administrador',
                (autorizacion) => acciones.guardar(f, autorizacion),
              ),
            'Guardado.',
          );
        }}
      >
        <div className="ajustes-campo">
          <label htmlFor={`${id}-tipo`}>Balanza</label>
          <select
            id={`${id}-tipo`}
            value={f.tipo}
            onChange={(e) => poner({ tipo: e.target.value as FormularioBalanza['tipo'] })}
            data-testid="balanza-tipo"
          >
            <option value="ninguna">No uso etiquetas de balanza</option>
            {PRESETS_BALANZA.map((p) => (
              <option key={p} value={p}>
                {NOMBRES[p]} (2X PPPPP VVVVV C)
              </option>
            ))}
            <option value="personalizado">Otro formato</option>
          </select>
        </div>
        {f.tipo === 'ninguna' ? null : (
          <div className="ajustes-campo">
            <label htmlFor={`${id}-contenido`}>La etiqueta trae</label>
            <select
              id={`${id}-contenido`}
              value={f.contenido}
              onChange={(e) =>
                poner({ contenido: e.target.value === 'precio' ? 'precio' : 'peso' })
              }
            >
              <option value="peso">El peso (gramos)</option>
              <option value="precio">El precio (centavos)</option>
            </select>
          </div>
        )}
        {f.tipo === 'personalizado' ? (
          <>
            <div className="ajustes-campo">
              <label htmlFor={`${id}-prefijos`}>Prefijos (separados por espacios)</label>
              <input
                id={`${id}-prefijos`}
                autoComplete="off"
                value={f.prefijos}
                onChange={(e) => poner({ prefijos: e.target.value })}
              />
            </div>
            <div className="ajustes-campo">
              <label htmlFor={`${id}-plu`}>Dígitos del PLU</label>
              <input
                id={`${id}-plu`}
                inputMode="numeric"
                value={f.digitosPlu}
                onChange={(e) => poner({ digitosPlu: e.target.value })}
              />
            </div>
            <div className="ajustes-campo">
              <label htmlFor={`${id}-valor`}>Dígitos del peso o del precio</label>
              <input
                id={`${id}-valor`}
                inputMode="numeric"
                value={f.digitosValor}
                onChange={(e) => poner({ digitosValor: e.target.value })}
              />
            </div>
          </>
        ) : null}
        <p className="ajustes-ayuda">
          El producto se reconoce por su código igual al PLU, o por un código de barras igual a la
          etiqueta con peso cero. Un código de barras registrado tal cual siempre gana.
        </p>
        <button type="submit" className="boton" disabled={enviando}>
          Guardar
        </button>
        <MostrarNota nota={nota} testId="balanza-nota" />
      </form>
      {dialogo}
    </div>
  );
};
