import { useEffect, useState } from 'react';
import type { CallOutput } from '../../../shared/contract';
import { useAjustes } from '../../stores/ajustes';

type Cola = CallOutput<'ajustes.impresorasSistema'>['colas'][number];

const ESTADOS: Record<Cola['estado'], string> = {
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
  const api = useAjustes((s) => s.api);
  const [colas, setColas] = useState<readonly Cola[]>([]);
  const [aviso, setAviso] = useState<string | null>(null);
  useEffect(() => {
    if (!activo) return;
    let vigente = true;
    void api.call('ajustes.impresorasSistema', {}).then((r) => {
      if (!vigente) return;
      setColas(r.ok ? r.value.colas : []);
      setAviso(r.ok ? null : r.error.message);
    });
    return () => {
      vigente = false;
    };
  }, [api, activo]);
  return { colas, aviso };
};

export const ListaColas = ({ id, colas }: { id: string; colas: readonly Cola[] }) => (
  <datalist id={id}>
    {colas.map((c) => (
      <option key={c.nombre} value={c.nombre} label={`${c.nombre} (${ESTADOS[c.estado]})`} />
    ))}
  </datalist>
);
