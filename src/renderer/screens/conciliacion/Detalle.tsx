import { useState } from 'react';
import { GRUPOS_ESTADO, nombreEstado } from '../../../shared/contract/conciliacion';
import type { DocumentoDetalle } from '../../../shared/contract/documentos';
import { AprobacionSupervisor } from '../../components/AprobacionSupervisor';
import { fechaPersona, horaEcuador } from '../../fechas';
import { useConciliacion } from '../../stores/conciliacion';
import { formatoDolares } from '../cobro/dinero';
import { EntregaCorreoDetalle } from './Correo';

const ORIGEN: Record<string, string> = {
  local: 'Este equipo',
  sri: 'SRI',
  usuario: 'Usuario',
  sync: 'Servicio en línea',
};

/** Ecuador is UTC−05:00 all year. */
export { horaEcuador };

const pendiente = (estado: string) =>
  (GRUPOS_ESTADO.pendientes as readonly string[]).includes(estado);

type Marca = { accion: 'revision_manual' | 'fallo_definitivo'; motivo: string } | null;

/** One document: status, SRI message, full history and what a supervisor can do with it. */
export const Detalle = ({ doc }: { doc: DocumentoDetalle }) => {
  const reintentar = useConciliacion((s) => s.reintentar);
  const consultar = useConciliacion((s) => s.consultar);
  const marcar = useConciliacion((s) => s.marcar);
  const reimprimir = useConciliacion((s) => s.reimprimir);
  const reintentarImpresion = useConciliacion((s) => s.reintentarImpresion);
  const ultimaImpresion = doc.impresiones.at(-1);
  const [marca, setMarca] = useState<Marca>(null);
  const [pidiendo, setPidiendo] = useState(false);
  const [aprobandoReintento, setAprobandoReintento] = useState(false);
  // A supervisor put it in manual review: retrying it takes a supervisor's approval (issue 15).
  const revisionPorSupervisor =
    doc.historial.findLast((h) => h.hacia === 'MANUAL_REVIEW_REQUIRED')?.origen === 'usuario';
  const puedeRevisar = pendiente(doc.estado);
  const puedeFallar = doc.estado === 'MANUAL_REVIEW_REQUIRED' || doc.estado === 'REJECTED';
  return (
    <section
      className="conciliacion-detalle"
      aria-labelledby="detalle-titulo"
      data-testid="detalle-documento"
    >
      <h2 id="detalle-titulo">
        {doc.codDoc === '01' ? 'Factura' : 'Nota de crédito'} {doc.numero}
      </h2>
      <dl className="detalle-datos">
        <dt>Estado</dt>
        <dd data-testid="detalle-estado">{nombreEstado(doc.estado)}</dd>
        <dt>Fecha de emisión</dt>
        <dd>{fechaPersona(doc.fechaEmision)}</dd>
        <dt>Comprador</dt>
        <dd>
          {doc.comprador.razonSocial} ({doc.comprador.identificacion})
        </dd>
        <dt>Total</dt>
        <dd>{formatoDolares(doc.totalCentavos)}</dd>
        <dt>Clave de acceso</dt>
        <dd className="mono">{doc.claveAcceso}</dd>
        {doc.fechaAutorizacion === null ? null : (
          <>
            <dt>Autorizado</dt>
            <dd>{horaEcuador(doc.fechaAutorizacion)}</dd>
          </>
        )}
      </dl>
      {doc.ultimoMensajeSri === null ? null : (
        <p
          className={
            doc.estado === 'AUTHORIZED' || pendiente(doc.estado)
              ? 'mensaje-sri-info'
              : 'mensaje-sri'
          }
          data-testid="mensaje-sri"
        >
          <strong>Mensaje del SRI:</strong> {doc.ultimoMensajeSri}
        </p>
      )}
      {doc.estado === 'REJECTED' ? (
        <p className="nota-correccion">
          El SRI rechazó este documento: reenviarlo no lo arregla. Debe corregirse y firmarse de
          nuevo con el mismo número.
        </p>
      ) : null}
      <div className="detalle-acciones">
        {doc.estado === 'MANUAL_REVIEW_REQUIRED' ? (
          <button
            type="button"
            className="boton"
            onClick={() =>
              revisionPorSupervisor ? setAprobandoReintento(true) : void reintentar(doc.id)
            }
            data-testid="reintentar"
          >
            Reintentar envío
          </button>
        ) : null}
        {pendiente(doc.estado) ? (
          <button type="button" className="boton" onClick={() => void consultar(doc.id)}>
            Consultar autorización ahora
          </button>
        ) : null}
        {puedeRevisar ? (
          <button
            type="button"
            className="boton boton-secundario"
            onClick={() => setMarca({ accion: 'revision_manual', motivo: '' })}
          >
            Pasar a revisión manual…
          </button>
        ) : null}
        {puedeFallar ? (
          <button
            type="button"
            className="boton boton-secundario"
            onClick={() => setMarca({ accion: 'fallo_definitivo', motivo: '' })}
          >
            Dar por fallido…
          </button>
        ) : null}
        <button
          type="button"
          className="boton boton-secundario"
          onClick={() => void reimprimir(doc.id)}
        >
          Reimprimir
        </button>
      </div>
      {marca === null ? null : (
        <form
          className="detalle-marca"
          onSubmit={(e) => {
            e.preventDefault();
            if (marca.motivo.trim().length >= 5) setPidiendo(true);
          }}
        >
          <label>
            Motivo ({marca.accion === 'revision_manual' ? 'revisión manual' : 'fallo definitivo'})
            <input
              value={marca.motivo}
              onChange={(e) => setMarca({ ...marca, motivo: e.target.value })}
              minLength={5}
              maxLength={500}
              required
              data-testid="motivo-marca"
            />
          </label>
          <button type="submit" className="boton">
            Pedir autorización
          </button>
          <button type="button" className="boton boton-secundario" onClick={() => setMarca(null)}>
            Cancelar
          </button>
        </form>
      )}
      <AprobacionSupervisor
        abierta={aprobandoReintento && doc.estado === 'MANUAL_REVIEW_REQUIRED'}
        accion={`Reintentar el envío del documento ${doc.numero}, que un supervisor pasó a revisión manual`}
        onAprobar={async (autorizacion) => {
          const fallo = await reintentar(doc.id, autorizacion);
          if (fallo === null) setAprobandoReintento(false);
          return fallo;
        }}
        onCancelar={() => setAprobandoReintento(false)}
      />
      <AprobacionSupervisor
        abierta={pidiendo && marca !== null}
        accion={
          marca?.accion === 'fallo_definitivo'
            ? `Dar por fallido el documento ${doc.numero}`
            : `Pasar a revisión manual el documento ${doc.numero}`
        }
        onAprobar={async (autorizacion) => {
          if (marca === null) return null;
          const fallo = await marcar(doc.id, marca.accion, marca.motivo.trim(), autorizacion);
          if (fallo === null) {
            setPidiendo(false);
            setMarca(null);
          }
          return fallo;
        }}
        onCancelar={() => setPidiendo(false)}
      />
      <EntregaCorreoDetalle documentoId={doc.id} autorizado={doc.fechaAutorizacion !== null} />
      <h3>Historial</h3>
      <table className="tabla-historial" data-testid="historial">
        <thead>
          <tr>
            <th scope="col">Hora</th>
            <th scope="col">Estado</th>
            <th scope="col">Origen</th>
            <th scope="col">Detalle</th>
          </tr>
        </thead>
        <tbody>
          {doc.historial.map((h, i) => (
            // The history is append-only: its position is a stable key.
            // biome-ignore lint/suspicious/noArrayIndexKey: append-only list
            <tr key={i}>
              <td>{horaEcuador(h.en)}</td>
              <td>{nombreEstado(h.hacia)}</td>
              <td>{ORIGEN[h.origen] ?? h.origen}</td>
              <td>
                {h.detalle ?? ''}
                {/* The detail already summarises the SRI's messages when there is one. */}
                {h.mensajesSri === null || h.detalle !== null
                  ? null
                  : h.mensajesSri.map((m) => (
                      <div key={`${m.identificador}-${m.mensaje}`} className="mensaje-sri-linea">
                        {m.identificador}: {m.mensaje}
                        {m.informacionAdicional === null ? '' : ` — ${m.informacionAdicional}`}
                      </div>
                    ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {ultimaImpresion === undefined ? null : (
        <div className="detalle-impresiones" data-testid="detalle-impresion">
          <p
            className={ultimaImpresion.resultado.resultado === 'no_impreso' ? 'impresion-mal' : ''}
            data-resultado={ultimaImpresion.resultado.resultado}
          >
            Impresión{doc.impresiones.length > 1 ? ` (${doc.impresiones.length} trabajos)` : ''}:{' '}
            {ultimaImpresion.resultado.mensaje}
          </p>
          {ultimaImpresion.resultado.reintentable ? (
            <button
              type="button"
              className="boton boton-secundario"
              data-testid="reintentar-impresion"
              onClick={() => void reintentarImpresion(doc.id, ultimaImpresion.id)}
            >
              Reintentar la impresión
            </button>
          ) : null}
        </div>
      )}
    </section>
  );
};
