import { type ReactNode, useState } from 'react';
import type { AprobacionEnLinea, RolUsuario } from '../../../shared/contract/sesion';
import { esRechazoDeAprobacion } from '../../../shared/errores';
import type { AppError } from '../../../shared/result';
import { AprobacionSupervisor } from '../../components/AprobacionSupervisor';
import { useAjustes } from '../../stores/ajustes';
import type { Desenlace, Nota } from '../../stores/nota';

export type { Desenlace, Nota } from '../../stores/nota';
export { notaDe } from '../../stores/nota';

/** Errors about who authorizes: the PIN dialog stays open to try again. */
const esDeAprobacion = (e: AppError): boolean => esRechazoDeAprobacion(e);

type Pedido = {
  accion: string;
  rol: Exclude<RolUsuario, 'cajero'>;
  correr: (autorizacion: AprobacionEnLinea | undefined) => Promise<AppError | null>;
  terminar: (d: Desenlace) => void;
};

/**
 * Runs a change that needs an approval: directly on a store without users yet, otherwise after
 * the PIN dialog (the welcome included: no PIN is kept between steps). Render `dialogo` once in
 * the section.
 */
export const useAprobacion = () => {
  const [pedido, setPedido] = useState<Pedido | null>(null);
  const hayUsuarios = useAjustes((s) => s.tienda?.hayUsuarios ?? true);

  const aprobar = (
    accion: string,
    rol: Exclude<RolUsuario, 'cajero'>,
    correr: (autorizacion: AprobacionEnLinea | undefined) => Promise<AppError | null>,
  ): Promise<Desenlace> => {
    if (!hayUsuarios) return correr(undefined);
    return new Promise((terminar) => setPedido({ accion, rol, correr, terminar }));
  };

  // Mounted only while asked: a section has several actions, the page one dialog.
  const dialogo =
    pedido === null ? null : (
      <AprobacionSupervisor
        abierta
        accion={pedido.accion}
        rolMinimo={pedido.rol}
        onAprobar={async (autorizacion) => {
          const error = await pedido.correr(autorizacion);
          if (error !== null && esDeAprobacion(error)) return error.message;
          pedido.terminar(error);
          setPedido(null);
          return null;
        }}
        onCancelar={() => {
          pedido.terminar('cancelado');
          setPedido(null);
        }}
      />
    );
  return { aprobar, dialogo };
};

/** A file as base64, for the calls that carry one (the p12, the logo). */
export const aBase64 = async (file: Blob): Promise<string> => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binario = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binario += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binario);
};

const fechaEcuador = new Intl.DateTimeFormat('es-EC', {
  dateStyle: 'long',
  timeZone: 'America/Guayaquil',
});

/** @example fecha('2027-01-31T05:00:00Z') // '31 de enero de 2027' */
export const fecha = (iso: string): string => fechaEcuador.format(new Date(iso));

export const MostrarNota = ({ nota, testId }: { nota: Nota; testId: string }): ReactNode =>
  nota === null ? null : (
    <p
      className={nota.tipo === 'error' ? 'ajustes-nota ajustes-nota-error' : 'ajustes-nota'}
      role={nota.tipo === 'error' ? 'alert' : 'status'}
      data-testid={testId}
      data-tipo={nota.tipo}
    >
      {nota.texto}
    </p>
  );
