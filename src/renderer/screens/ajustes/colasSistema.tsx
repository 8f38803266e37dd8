import { useEffect } from 'react';
import { type ColaSistema, useImpresoras } from '../../stores/impresoras';

const ESTADOS: Record<ColaSistema['estado'], string> = {
  lista: 'lista',
  imprimiendo: 'imprimiendo',
  apagada: 'apagada o desconectada',
  sin_papel: 'sin papel',
  detenida: 'detenida',
  desconocido: 'estado desconocido',
};

/**
 * The OS's printers as suggestions for the queue field (a `<datalist>`), so the owner picks one
 * instead of typing its exact name; `aviso` says why there are none when main could not list them.
 */
export const useColasSistema = (activo: boolean) => {
  const cargarColas = useImpresoras((s) => s.cargarColas);
  const colas = useImpresoras((s) => s.colas);
  const aviso = useImpresoras((s) => s.avisoColas);
  useEffect(() => {
    if (activo) void cargarColas();
  }, [cargarColas, activo]);
  return { colas, aviso };
};

export const ListaColas = ({ id, colas }: { id: string; colas: readonly ColaSistema[] }) => (
  <datalist id={id}>
    {colas.map((c) => (
      <option key={c.nombre} value={c.nombre} label={`${c.nombre} (${ESTADOS[c.estado]})`} />
    ))}
  </datalist>
);
