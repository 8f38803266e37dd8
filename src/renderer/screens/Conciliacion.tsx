import type { ResultadoImpresionTipo } from '../../shared/contract/impresion';
import { CampoFecha } from '../components/CampoFecha';
import { fechaPersona } from '../fechas';
import './conciliacion/conciliacion.css';
import { useCallback, useEffect, useState } from 'react';
import {
  type DocumentoFila,
  ESTADOS_DOCUMENTO,
  type FiltroDocumentos,
  GRUPOS,
  type GrupoEstado,
  nombreEstado,
} from '../../shared/contract/conciliacion';
import { useConciliacion } from '../stores/conciliacion';
import { formatoDolares } from './cobro/dinero';
import { BannerAtascados } from './conciliacion/BannerAtascados';
import { CeldaCorreo, FiltroPorCorreo } from './conciliacion/Correo';
import { Detalle } from './conciliacion/Detalle';
import { ListaVirtual } from './conciliacion/ListaVirtual';
import { Resumen } from './conciliacion/Resumen';
import { MarcoPantalla } from './MarcoPantalla';

const NOMBRE_GRUPO: Record<GrupoEstado, string> = {
  pendientes: 'Pendientes',
  con_error: 'Con error',
  autorizados: 'Autorizados',
};

const ALTO_FILA = 40;

/** Saves text as a file download (the browser host; Electron offers the same via its dialog). */
const descargar = (nombre: string, contenido: string, tipo: string): void => {
  const url = URL.createObjectURL(new Blob([contenido], { type: tipo }));
  const a = document.createElement('a');
  a.href = url;
  a.download = nombre;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};

const claseEstado = (estado: string): string =>
  estado === 'AUTHORIZED'
    ? 'estado-ok'
    : ['REJECTED', 'MANUAL_REVIEW_REQUIRED', 'FAILED_PERMANENT'].includes(estado)
      ? 'estado-error'
      : 'estado-pendiente';

const Filtros = () => {
  const filtro = useConciliacion((s) => s.filtro);
  const filtrar = useConciliacion((s) => s.filtrar);
  const puntos = useConciliacion((s) => s.puntos);
  const exportar = useConciliacion((s) => s.exportar);
  const [comprador, setComprador] = useState(filtro.comprador ?? '');
  const cambiar = (c: Partial<FiltroDocumentos>) => void filtrar(c);
  return (
    <form
      className="conciliacion-filtros"
      aria-label="Filtros"
      onSubmit={(e) => {
        e.preventDefault();
        cambiar({ comprador: comprador.trim() === '' ? undefined : comprador.trim() });
      }}
    >
      <label htmlFor="filtro-desde">
        Desde
        <CampoFecha
          id="filtro-desde"
          valor={filtro.desde}
          alCambiar={(iso) => iso !== '' && cambiar({ desde: iso })}
          data-testid="filtro-desde"
        />
      </label>
      <label htmlFor="filtro-hasta">
        Hasta
        <CampoFecha
          id="filtro-hasta"
          valor={filtro.hasta}
          alCambiar={(iso) => iso !== '' && cambiar({ hasta: iso })}
          data-testid="filtro-hasta"
        />
      </label>
      <label>
        Estado
        <select
          value={filtro.estado ?? ''}
          onChange={(e) =>
            cambiar({
              estado:
                e.target.value === '' ? undefined : (e.target.value as FiltroDocumentos['estado']),
            })
          }
          data-testid="filtro-estado"
        >
          <option value="">Todos</option>
          <optgroup label="Grupos">
            {GRUPOS.map((g) => (
              <option key={g} value={g}>
                {NOMBRE_GRUPO[g]}
              </option>
            ))}
          </optgroup>
          <optgroup label="Estados">
            {ESTADOS_DOCUMENTO.map((e) => (
              <option key={e} value={e}>
                {nombreEstado(e)}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      <label>
        Punto de emisión
        <select
          value={filtro.puntoEmisionId ?? ''}
          onChange={(e) =>
            cambiar({ puntoEmisionId: e.target.value === '' ? undefined : e.target.value })
          }
        >
          <option value="">Todos</option>
          {puntos.map((p) => (
            <option key={p.id} value={p.id}>
              {p.codigo} {p.descripcion}
            </option>
          ))}
        </select>
      </label>
      <label>
        Tipo
        <select
          value={filtro.codDoc ?? ''}
          onChange={(e) =>
            cambiar({ codDoc: e.target.value === '' ? undefined : (e.target.value as '01' | '04') })
          }
        >
          <option value="">Todos</option>
          <option value="01">Facturas</option>
          <option value="04">Notas de crédito</option>
        </select>
      </label>
      <FiltroPorCorreo cambiar={cambiar} />
      <label>
        Comprador (cédula o RUC)
        <input
          value={comprador}
          onChange={(e) => setComprador(e.target.value)}
          onBlur={() =>
            cambiar({ comprador: comprador.trim() === '' ? undefined : comprador.trim() })
          }
          inputMode="numeric"
          maxLength={20}
        />
      </label>
      <button
        type="button"
        className="boton boton-secundario"
        data-testid="exportar-csv"
        onClick={async () => {
          const csv = await exportar();
          if (csv !== null) descargar(csv.nombreArchivo, csv.contenido, 'text/csv;charset=utf-8');
        }}
      >
        Exportar CSV
      </button>
    </form>
  );
};

const Conteos = () => {
  const conteos = useConciliacion((s) => s.conteos);
  const estado = useConciliacion((s) => s.filtro.estado);
  const filtrar = useConciliacion((s) => s.filtrar);
  if (conteos === null) return null;
  const chip = (valor: FiltroDocumentos['estado'], texto: string, n: number) => (
    <button
      type="button"
      className={`chip${estado === valor ? ' chip-activo' : ''}`}
      aria-pressed={estado === valor}
      onClick={() => void filtrar({ estado: valor })}
      key={texto}
    >
      {texto} <span className="chip-numero">{n}</span>
    </button>
  );
  return (
    <div className="conciliacion-conteos" data-testid="conteos">
      {chip(undefined, 'Todos', conteos.total)}
      {GRUPOS.map((g) => chip(g, NOMBRE_GRUPO[g], conteos.porGrupo[g]))}
    </div>
  );
};

/** The print column in a word; the whole sentence is the cell's title and in the detail. */
const NOMBRE_IMPRESION: Record<ResultadoImpresionTipo, string> = {
  en_cola: 'En cola',
  imprimiendo: 'Imprimiendo',
  impreso: 'Impreso',
  guardado_pdf: 'Guardado como PDF',
  no_impreso: 'No se imprimió',
};

const Fila = ({ d }: { d: DocumentoFila }) => (
  <>
    <span className="col-fecha">{fechaPersona(d.fechaEmision)}</span>
    <span className="col-numero">
      {d.codDoc === '04' ? 'NC ' : ''}
      {d.numero}
    </span>
    <span className="col-comprador" title={d.comprador.razonSocial}>
      {d.comprador.razonSocial === 'CONSUMIDOR FINAL'
        ? 'Consumidor final'
        : d.comprador.razonSocial}
    </span>
    <span className="col-total">{formatoDolares(d.totalCentavos)}</span>
    <span className={`col-estado ${claseEstado(d.estado)}`}>{nombreEstado(d.estado)}</span>
    <span
      className={`col-impresion${d.impresion?.resultado === 'no_impreso' ? ' impresion-mal' : ''}`}
      title={d.impresion?.mensaje}
      data-testid="col-impresion"
      data-resultado={d.impresion?.resultado ?? 'ninguno'}
    >
      {d.impresion === null ? '—' : NOMBRE_IMPRESION[d.impresion.resultado]}
    </span>
    <span className="col-mensaje" title={d.ultimoMensajeSri ?? undefined}>
      {d.ultimoMensajeSri ?? ''}
    </span>
    <CeldaCorreo d={d} />
  </>
);

/** Reconciliation (docs/architecture.md §1): every document with its SRI status, history and totals. */
export const Conciliacion = () => {
  const filas = useConciliacion((s) => s.filas);
  const cargar = useConciliacion((s) => s.cargar);
  const masFilas = useConciliacion((s) => s.masFilas);
  const seleccion = useConciliacion((s) => s.seleccion);
  const seleccionar = useConciliacion((s) => s.seleccionar);
  const detalle = useConciliacion((s) => s.detalle);
  const resumen = useConciliacion((s) => s.resumen);
  const mensaje = useConciliacion((s) => s.mensaje);
  const cerrarMensaje = useConciliacion((s) => s.cerrarMensaje);
  const cargando = useConciliacion((s) => s.cargando);
  const siguiente = useConciliacion((s) => s.siguiente);

  useEffect(() => {
    void cargar();
  }, [cargar]);
  const cercaDelFinal = useCallback(() => void masFilas(), [masFilas]);

  return (
    <MarcoPantalla
      id="conciliacion"
      titulo="Conciliación"
      quien="Para el supervisor."
      resumen="Qué pasó con cada documento en el SRI y los totales del día."
    >
      <BannerAtascados />
      <Filtros />
      {mensaje === null ? null : (
        <p
          className={`conciliacion-mensaje mensaje-${mensaje.tipo}`}
          role={mensaje.tipo === 'error' ? 'alert' : 'status'}
          data-testid="mensaje-conciliacion"
        >
          {mensaje.texto}{' '}
          <button type="button" className="boton-enlace" onClick={cerrarMensaje}>
            Cerrar
          </button>
        </p>
      )}
      <Conteos />
      <div className="conciliacion-rejilla">
        <div>
          <ListaVirtual
            filas={filas}
            clave={(d) => d.id}
            altoFila={ALTO_FILA}
            alto={440}
            seleccion={seleccion}
            onSeleccionar={(id) => void seleccionar(id)}
            onCercaDelFinal={cercaDelFinal}
            etiqueta="Documentos"
            encabezado={
              <>
                <span className="col-fecha">Fecha</span>
                <span className="col-numero">Número</span>
                <span className="col-comprador">Comprador</span>
                <span className="col-total">Total</span>
                <span className="col-estado">Estado</span>
                <span className="col-impresion">Impresión</span>
                <span className="col-mensaje">Mensaje del SRI</span>
                <span className="col-correo">Correo</span>
              </>
            }
            renderFila={(d) => <Fila d={d} />}
          />
          <p className="lista-pie" aria-live="polite">
            {cargando
              ? 'Cargando…'
              : filas.length === 0
                ? 'No hay documentos con estos filtros.'
                : `${filas.length}${siguiente === null ? '' : '+'} documentos`}
          </p>
        </div>
        {detalle === null ? (
          <p className="conciliacion-ayuda">
            Elija un documento (flechas ↑ ↓ en la lista) para ver su historial y sus acciones.
          </p>
        ) : (
          <Detalle doc={detalle} />
        )}
      </div>
      {resumen === null ? null : <Resumen r={resumen} />}
    </MarcoPantalla>
  );
};
