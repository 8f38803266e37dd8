import { useId, useState } from 'react';
import { useApp } from '../../stores/app';
import { useCapacitacion } from '../../stores/capacitacion';
import { MostrarNota } from './comun';

/**
 * Training mode only: the trainer takes the built-in SRI simulator down and up, or scripts an
 * SRI answer, so cashiers practise selling offline and see how rejections look in Conciliación.
 */
export const Capacitacion = () => {
  const backend = useApp((s) => s.backendSri);
  const nota = useCapacitacion((s) => s.nota);
  const enviando = useCapacitacion((s) => s.enviando);
  const aplicar = useCapacitacion((s) => s.aplicar);
  const [fallas, setFallas] = useState('');
  const id = useId();

  if (backend !== 'simulador') {
    return (
      <div className="ajustes-seccion-cuerpo" data-testid="seccion-capacitacion">
        <p>
          Este equipo envía los comprobantes al SRI. Las prácticas con el SRI simulado se hacen en
          modo capacitación (<code>mostrador serve --demo</code>).
        </p>
      </div>
    );
  }

  return (
    <div className="ajustes-seccion-cuerpo" data-testid="seccion-capacitacion">
      <p>
        Los documentos de este equipo van a un SRI simulado y no tienen validez tributaria. Apague
        el SRI para practicar ventas sin conexión: se cobran e imprimen igual, y la cola se vacía
        cuando vuelve.
      </p>
      <div className="ajustes-acciones">
        <button
          type="button"
          className="boton"
          disabled={enviando}
          data-testid="simulador-caer"
          onClick={() => void aplicar({ caido: true }, 'El SRI simulado no responde.')}
        >
          Simular caída del SRI
        </button>
        <button
          type="button"
          className="boton boton-secundario"
          disabled={enviando}
          data-testid="simulador-volver"
          onClick={() => void aplicar({ caido: false }, 'El SRI simulado responde de nuevo.')}
        >
          El SRI vuelve
        </button>
      </div>
      <form
        className="ajustes-formulario"
        onSubmit={(e) => {
          e.preventDefault();
          void aplicar({ fallas }, 'Respuestas del SRI simulado cambiadas.');
        }}
      >
        <label htmlFor={`${id}-fallas`}>
          Respuestas guionadas (por ejemplo <code>devuelta=35</code>,{' '}
          <code>autorizacion:en-proceso=3</code>, <code>latencia=2000</code>; vacío las quita)
        </label>
        <input
          id={`${id}-fallas`}
          value={fallas}
          onChange={(e) => setFallas(e.target.value)}
          maxLength={500}
          autoComplete="off"
        />
        <button type="submit" className="boton boton-secundario" disabled={enviando}>
          Aplicar
        </button>
      </form>
      <MostrarNota nota={nota} testId="simulador-nota" />
    </div>
  );
};
