import './correo.css';
import { type FormEvent, useState } from 'react';
import type { DocumentoFila, FiltroDocumentos } from '../../../shared/contract/conciliacion';
import type { EntregaCorreo, FiltroCorreo } from '../../../shared/contract/correo';
import { horaEcuador } from '../../fechas';
import { useConciliacion } from '../../stores/conciliacion';
import { useCorreoConciliacion } from '../../stores/correoConciliacion';

/** dd/mm/aaaa hh:mm in Ecuador. */
const cuando = (iso: string | null): string => (iso === null ? '' : horaEcuador(iso).slice(0, 16));

/** One delivery in words: «Enviado 02/12/2026 10:04», «Rechazado: 550 …», «Pendiente». */
export const textoEntrega = (e: EntregaCorreo | null): string => {
  if (e === null) return 'Sin correo';
  switch (e.estado) {
    case 'pendiente':
      return 'Pendiente';
    case 'enviado':
      return `Enviado ${cuando(e.enviadoEn)}`;
    case 'rechazado':
      return `Rechazado: ${e.motivo ?? ''}`;
  }
};

const claseEntrega = (e: EntregaCorreo | null): string =>
  e === null
    ? ''
    : e.estado === 'enviado'
      ? 'estado-ok'
      : e.estado === 'rechazado'
        ? 'estado-error'
        : 'estado-pendiente';

/** The list's «Correo» cell. */
export const CeldaCorreo = ({ d }: { d: DocumentoFila }) => (
  <span
    className={`col-correo ${claseEntrega(d.entrega)}`}
    title={d.entrega === null ? undefined : `${d.entrega.para} — ${textoEntrega(d.entrega)}`}
    data-testid="celda-correo"
  >
    {textoEntrega(d.entrega)}
  </span>
);

const OPCIONES: readonly { valor: FiltroCorreo; texto: string }[] = [
  { valor: 'pendiente', texto: 'Pendiente' },
  { valor: 'enviado', texto: 'Enviado' },
  { valor: 'rechazado', texto: 'Rechazado' },
  { valor: 'sin_correo', texto: 'Sin correo' },
];

/** The filter by delivery status, beside the others. */
export const FiltroPorCorreo = ({
  cambiar,
}: {
  cambiar: (c: Partial<FiltroDocumentos>) => void;
}) => {
  const correo = useConciliacion((s) => s.filtro.correo);
  return (
    <label>
      Correo
      <select
        value={correo ?? ''}
        onChange={(e) =>
          cambiar({
            correo: OPCIONES.find((o) => o.valor === e.target.value)?.valor,
          })
        }
        data-testid="filtro-correo"
      >
        <option value="">Todos</option>
        {OPCIONES.map((o) => (
          <option key={o.valor} value={o.valor}>
            {o.texto}
          </option>
        ))}
      </select>
    </label>
  );
};

/**
 * The detail's e-mail part: where the copy went and how it ended, and «Reenviar» to the same
 * address (empty field) or another.
 */
export const EntregaCorreoDetalle = ({
  documentoId,
  autorizado,
}: {
  documentoId: string;
  autorizado: boolean;
}) => {
  const entrega = useConciliacion(
    (s) => s.filas.find((f) => f.id === documentoId)?.entrega ?? null,
  );
  const enviando = useCorreoConciliacion((s) => s.enviando);
  const nota = useCorreoConciliacion((s) => s.nota);
  const reenviar = useCorreoConciliacion((s) => s.reenviar);
  const [para, setPara] = useState('');
  const enviar = (e: FormEvent) => {
    e.preventDefault();
    void reenviar(documentoId, para).then((hecho) => {
      if (hecho) setPara('');
    });
  };
  return (
    <section className="detalle-correo" aria-labelledby="detalle-correo-titulo">
      <h3 id="detalle-correo-titulo">Correo al comprador</h3>
      <p data-testid="detalle-correo-estado" className={claseEntrega(entrega)}>
        {entrega === null
          ? 'No se envió por correo.'
          : `${textoEntrega(entrega)} — ${entrega.para}`}
        {entrega?.estado === 'pendiente' && entrega.motivo !== null ? ` (${entrega.motivo})` : ''}
      </p>
      {autorizado ? (
        <form className="detalle-reenviar" onSubmit={enviar} noValidate>
          <label>
            Reenviar a (vacío: {entrega?.para ?? 'el correo del comprador'})
            <input
              type="email"
              value={para}
              onChange={(e) => setPara(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              data-testid="reenviar-para"
            />
          </label>
          <button type="submit" className="boton" disabled={enviando} data-testid="reenviar-correo">
            Reenviar
          </button>
        </form>
      ) : null}
      {nota === null ? null : (
        <p
          role={nota.tipo === 'error' ? 'alert' : 'status'}
          className={nota.tipo === 'error' ? 'mensaje-error' : 'mensaje-info'}
          data-testid="reenviar-nota"
        >
          {nota.texto}
        </p>
      )}
    </section>
  );
};

/** The summary's line: documents whose e-mail has not reached the buyer. */
export const LineaCorreosSinEntregar = ({ n }: { n: number }) => (
  <p className={n === 0 ? 'cobro-nota' : 'mensaje-error'} data-testid="resumen-correos">
    {n === 0
      ? 'Todos los correos a compradores se entregaron.'
      : `${n} documento${n === 1 ? '' : 's'} sin entregar por correo (pendientes o rechazados).`}
  </p>
);
