import { useEffect, useId, useState } from 'react';
import {
  type ConfiguracionBalanza,
  PRESETS_BALANZA,
  type PresetBalanza,
} from '../../../shared/contract/balanza';
import { useAjustes } from '../../stores/ajustes';
import { MostrarNota, type Nota, notaDe, useAprobacion } from './comun';

const NOMBRES: Record<PresetBalanza, string> = {
  cas: 'CAS',
  digi: 'Digi',
  dibal: 'Dibal',
  systel: 'Systel',
};

type Formulario = {
  tipo: 'ninguna' | PresetBalanza | 'personalizado';
  contenido: 'peso' | 'precio';
  prefijos: string;
  digitosPlu: string;
  digitosValor: string;
};

const desde = (c: ConfiguracionBalanza | null): Formulario => {
  if (c === null) {
    return {
      tipo: 'ninguna',
      contenido: 'peso',
      prefijos: '20',
      digitosPlu: '5',
      digitosValor: '5',
    };
  }
  return c.tipo === 'preset'
    ? { tipo: c.preset, contenido: c.contenido, prefijos: '20', digitosPlu: '5', digitosValor: '5' }
    : {
        tipo: 'personalizado',
        contenido: c.contenido,
        prefijos: c.prefijos.join(' '),
        digitosPlu: String(c.digitosPlu),
        digitosValor: String(c.digitosValor),
      };
};

/** What the form says, as the call takes it; main validates the rest (zod). */
const configuracionDe = (f: Formulario): ConfiguracionBalanza | null => {
  if (f.tipo === 'ninguna') return null;
  if (f.tipo !== 'personalizado') return { tipo: 'preset', preset: f.tipo, contenido: f.contenido };
  return {
    tipo: 'personalizado',
    prefijos: f.prefijos.split(/[\s,]+/).filter((p) => p !== ''),
    digitosPlu: Number(f.digitosPlu),
    digitosValor: Number(f.digitosValor),
    contenido: f.contenido,
  };
};

/**
 * Scale labels (EAN-13, prefix 20–29): which layout the store's scale prints, so a scanned
 * label adds the product with its weight, or the quantity that gives its price.
 */
export const Balanza = () => {
  const balanza = useAjustes((s) => s.balanza);
  const ejecutar = useAjustes((s) => s.ejecutar);
  const { aprobar, dialogo } = useAprobacion();
  const [f, setF] = useState<Formulario>(() => desde(null));
  const [nota, setNota] = useState<Nota>(null);
  const [enviando, setEnviando] = useState(false);
  const id = useId();
  const poner = (cambio: Partial<Formulario>) => setF((actual) => ({ ...actual, ...cambio }));

  useEffect(() => {
    if (balanza !== null) setF(desde(balanza.configuracion));
  }, [balanza]);

  return (
    <div className="ajustes-seccion-cuerpo" data-testid="seccion-balanza">
      <form
        className="ajustes-formulario"
        onSubmit={async (e) => {
          e.preventDefault();
          if (enviando) return;
          setEnviando(true);
          const desenlace = await aprobar(
            'Cambiar el formato de las etiquetas de balanza',
            'administrador',
            (autorizacion) =>
              ejecutar(
                'ajustes.guardarEtiquetaBalanza',
                {
                  configuracion: configuracionDe(f),
                  ...(autorizacion === undefined ? {} : { autorizacion }),
                },
                'balanza',
              ),
          );
          setEnviando(false);
          setNota(notaDe(desenlace, 'Guardado.'));
        }}
      >
        <div className="ajustes-campo">
          <label htmlFor={`${id}-tipo`}>Balanza</label>
          <select
            id={`${id}-tipo`}
            value={f.tipo}
            onChange={(e) => poner({ tipo: e.target.value as Formulario['tipo'] })}
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
