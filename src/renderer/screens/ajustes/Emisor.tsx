import { useId, useState } from 'react';
import type { EmisorEntrada, Regimen, Secuencial } from '../../../shared/contract/ajustes';
import { useAjustes } from '../../stores/ajustes';
import { emisorStore, leerSecuencial, useEmisor } from '../../stores/emisor';
import { MostrarNota, type Nota, notaDe, useAprobacion } from './comun';

type Campo = { id: string; etiqueta: string; valor: string; onCambiar: (v: string) => void };

const CampoTexto = ({
  id,
  etiqueta,
  valor,
  onCambiar,
  ...resto
}: Campo & { inputMode?: 'numeric'; maxLength?: number; required?: boolean; ayuda?: string }) => (
  <div className="ajustes-campo">
    <label htmlFor={id}>{etiqueta}</label>
    <input
      id={id}
      value={valor}
      onChange={(e) => onCambiar(e.target.value)}
      inputMode={resto.inputMode}
      maxLength={resto.maxLength}
      required={resto.required}
      aria-describedby={resto.ayuda === undefined ? undefined : `${id}-ayuda`}
    />
    {resto.ayuda === undefined ? null : (
      <small id={`${id}-ayuda`} className="ajustes-ayuda">
        {resto.ayuda}
      </small>
    )}
  </div>
);

/** The issuer's data (infoTributaria of every document). */
export const FormEmisor = ({ alGuardar }: { alGuardar?: () => void }) => {
  const actual = useAjustes((s) => s.tienda?.emisor ?? null);
  const guardarEmisor = useEmisor((s) => s.guardarEmisor);
  const { aprobar, dialogo } = useAprobacion();
  const id = useId();
  const [f, setF] = useState<Required<EmisorEntrada>>(() => ({
    ruc: actual?.ruc ?? '',
    razonSocial: actual?.razonSocial ?? '',
    nombreComercial: actual?.nombreComercial ?? '',
    direccionMatriz: actual?.direccionMatriz ?? '',
    obligadoContabilidad: actual?.obligadoContabilidad ?? false,
    contribuyenteEspecial: actual?.contribuyenteEspecial ?? '',
    agenteRetencion: actual?.agenteRetencion ?? '',
    regimen: actual?.regimen ?? null,
  }));
  const [nota, setNota] = useState<Nota>(null);
  const [enviando, setEnviando] = useState(false);
  const poner =
    <K extends keyof EmisorEntrada>(k: K) =>
    (v: Required<EmisorEntrada>[K]) =>
      setF((prev) => ({ ...prev, [k]: v }));

  return (
    <>
      <form
        className="ajustes-formulario"
        data-testid="form-emisor"
        onSubmit={async (e) => {
          e.preventDefault();
          setEnviando(true);
          const d = await aprobar('Cambiar los datos del emisor', 'administrador', (autorizacion) =>
            guardarEmisor(f, autorizacion),
          );
          setEnviando(false);
          // Non-blocking findings of the change just saved (e.g. a RUC check digit).
          const advertencias = emisorStore().getState().advertencias.join(' ');
          setNota(
            notaDe(
              d,
              `Datos del emisor guardados.${advertencias === '' ? '' : ` Atención: ${advertencias}`}`,
            ),
          );
          if (d === null) alGuardar?.();
        }}
      >
        <h3>Emisor</h3>
        <CampoTexto
          id={`${id}-ruc`}
          etiqueta="RUC"
          valor={f.ruc}
          onCambiar={poner('ruc')}
          inputMode="numeric"
          maxLength={13}
          required
          ayuda="13 dígitos, como en el certificado del SRI."
        />
        <CampoTexto
          id={`${id}-razon`}
          etiqueta="Razón social"
          valor={f.razonSocial}
          onCambiar={poner('razonSocial')}
          required
        />
        <CampoTexto
          id={`${id}-comercial`}
          etiqueta="Nombre comercial (opcional)"
          valor={f.nombreComercial ?? ''}
          onCambiar={poner('nombreComercial')}
        />
        <CampoTexto
          id={`${id}-matriz`}
          etiqueta="Dirección matriz"
          valor={f.direccionMatriz}
          onCambiar={poner('direccionMatriz')}
          required
        />
        <label className="ajustes-casilla">
          <input
            type="checkbox"
            checked={f.obligadoContabilidad}
            onChange={(e) => poner('obligadoContabilidad')(e.target.checked)}
          />{' '}
          Obligado a llevar contabilidad
        </label>
        <CampoTexto
          id={`${id}-especial`}
          etiqueta="Contribuyente especial, Nro. de resolución (opcional)"
          valor={f.contribuyenteEspecial ?? ''}
          onCambiar={poner('contribuyenteEspecial')}
          inputMode="numeric"
        />
        <CampoTexto
          id={`${id}-retencion`}
          etiqueta="Agente de retención, Nro. de resolución (opcional)"
          valor={f.agenteRetencion ?? ''}
          onCambiar={poner('agenteRetencion')}
          inputMode="numeric"
        />
        <div className="ajustes-campo">
          <label htmlFor={`${id}-regimen`}>Régimen</label>
          <select
            id={`${id}-regimen`}
            value={f.regimen ?? ''}
            onChange={(e) =>
              poner('regimen')(e.target.value === '' ? null : (e.target.value as Regimen))
            }
          >
            <option value="">General</option>
            <option value="RIMPE_EMPRENDEDOR">RIMPE — Emprendedor</option>
            <option value="RIMPE_NEGOCIO_POPULAR">RIMPE — Negocio popular</option>
          </select>
        </div>
        <button type="submit" className="boton" disabled={enviando} data-testid="guardar-emisor">
          Guardar el emisor
        </button>
        <MostrarNota nota={nota} testId="emisor-nota" />
      </form>
      {dialogo}
    </>
  );
};

/** The establishment and this terminal's emission point (estab and ptoEmi of the numbering). */
export const FormPunto = ({ alGuardar }: { alGuardar?: () => void }) => {
  const tienda = useAjustes((s) => s.tienda);
  const guardarPunto = useEmisor((s) => s.guardarPunto);
  const { aprobar, dialogo } = useAprobacion();
  const id = useId();
  const [estab, setEstab] = useState(tienda?.establecimiento?.codigo ?? '001');
  const [direccion, setDireccion] = useState(tienda?.establecimiento?.direccion ?? '');
  const [punto, setPunto] = useState(tienda?.puntoEmision?.codigo ?? '001');
  const [descripcion, setDescripcion] = useState(tienda?.puntoEmision?.descripcion ?? 'Caja 1');
  const [nota, setNota] = useState<Nota>(null);
  const [enviando, setEnviando] = useState(false);
  return (
    <>
      <form
        className="ajustes-formulario"
        data-testid="form-punto"
        onSubmit={async (e) => {
          e.preventDefault();
          setEnviando(true);
          const d = await aprobar(
            'Cambiar el establecimiento o el punto de emisión de este equipo',
            'administrador',
            (autorizacion) =>
              guardarPunto(
                {
                  establecimiento: { codigo: estab, direccion },
                  puntoEmision: { codigo: punto, descripcion },
                },
                autorizacion,
              ),
          );
          setEnviando(false);
          setNota(notaDe(d, `Este equipo emite como ${estab}-${punto}.`));
          if (d === null) alGuardar?.();
        }}
      >
        <h3>Establecimiento y punto de emisión</h3>
        <CampoTexto
          id={`${id}-estab`}
          etiqueta="Código del establecimiento"
          valor={estab}
          onCambiar={setEstab}
          inputMode="numeric"
          maxLength={3}
          required
          ayuda="3 dígitos, el que registró en el SRI (001 para la matriz)."
        />
        <CampoTexto
          id={`${id}-direccion`}
          etiqueta="Dirección del establecimiento"
          valor={direccion}
          onCambiar={setDireccion}
          required
        />
        <CampoTexto
          id={`${id}-punto`}
          etiqueta="Código del punto de emisión de este equipo"
          valor={punto}
          onCambiar={setPunto}
          inputMode="numeric"
          maxLength={3}
          required
          ayuda="3 dígitos; cada caja tiene el suyo y su propia numeración."
        />
        <CampoTexto
          id={`${id}-descripcion`}
          etiqueta="Descripción del punto de emisión"
          valor={descripcion}
          onCambiar={setDescripcion}
          required
        />
        <button type="submit" className="boton" disabled={enviando} data-testid="guardar-punto">
          Guardar el punto de emisión
        </button>
        <MostrarNota nota={nota} testId="punto-nota" />
      </form>
      {dialogo}
    </>
  );
};

/** Pruebas or producción; producción is explained and confirmed before it is asked for. */
const Ambiente = () => {
  const tienda = useAjustes((s) => s.tienda);
  const cambiarAmbiente = useEmisor((s) => s.cambiarAmbiente);
  const { aprobar, dialogo } = useAprobacion();
  const [confirmando, setConfirmando] = useState(false);
  const [entiendo, setEntiendo] = useState(false);
  const [nota, setNota] = useState<Nota>(null);
  const id = useId();
  const actual = tienda?.emisor?.ambiente ?? null;
  if (actual === null) return null;

  const cambiar = async (ambiente: 'pruebas' | 'produccion') => {
    const d = await aprobar(
      ambiente === 'produccion' ? 'Pasar a producción' : 'Volver al ambiente de pruebas',
      'administrador',
      (autorizacion) => cambiarAmbiente(ambiente, autorizacion),
    );
    setConfirmando(false);
    setEntiendo(false);
    setNota(
      notaDe(
        d,
        ambiente === 'produccion'
          ? 'Ambiente de producción: los comprobantes tienen validez tributaria.'
          : 'Ambiente de pruebas: los comprobantes no tienen validez tributaria.',
      ),
    );
  };

  return (
    <div className="ajustes-formulario" data-testid="ambiente">
      <h3>Ambiente del SRI</h3>
      <p data-testid="ambiente-actual">
        Ambiente actual: <strong>{actual === 'produccion' ? 'Producción' : 'Pruebas'}</strong>
        {actual === 'pruebas' ? ' — los comprobantes no tienen validez tributaria.' : null}
      </p>
      {tienda?.modoPractica === true ? (
        <p>En el modo de práctica los comprobantes van al simulador del SRI, nunca a producción.</p>
      ) : actual === 'pruebas' ? (
        confirmando ? (
          <div className="ajustes-confirmar">
            <p id={`${id}-titulo`}>
              <strong>Pasar a producción.</strong> Desde ese momento cada factura y nota de crédito
              que emita este equipo es un comprobante electrónico válido ante el SRI: declara ventas
              e IVA a nombre del RUC {tienda?.emisor?.ruc}, y solo se puede anular con una nota de
              crédito o por el portal del SRI.
            </p>
            <label className="ajustes-casilla">
              <input
                type="checkbox"
                checked={entiendo}
                onChange={(e) => setEntiendo(e.target.checked)}
                data-testid="entiendo-produccion"
              />{' '}
              Entiendo que los comprobantes tendrán validez tributaria.
            </label>
            <button
              type="button"
              className="boton boton-peligro"
              disabled={!entiendo}
              onClick={() => void cambiar('produccion')}
              data-testid="confirmar-produccion"
            >
              Pasar a producción
            </button>
            <button
              type="button"
              className="boton boton-secundario"
              onClick={() => setConfirmando(false)}
            >
              Cancelar
            </button>
          </div>
        ) : (
          <button
            type="button"
            className="boton boton-secundario"
            onClick={() => setConfirmando(true)}
            data-testid="pasar-produccion"
          >
            Pasar a producción…
          </button>
        )
      ) : (
        <button
          type="button"
          className="boton boton-secundario"
          onClick={() => void cambiar('pruebas')}
        >
          Volver a pruebas
        </button>
      )}
      <MostrarNota nota={nota} testId="ambiente-nota" />
      {dialogo}
    </div>
  );
};

const FilaSecuencial = ({ s }: { s: Secuencial }) => {
  const fijarSecuencial = useEmisor((st) => st.fijarSecuencial);
  const { aprobar, dialogo } = useAprobacion();
  const [valor, setValor] = useState(String(s.siguiente));
  const [nota, setNota] = useState<Nota>(null);
  const id = useId();
  return (
    <tr data-testid="secuencial" data-cod-doc={s.codDoc}>
      <th scope="row">{s.nombre}</th>
      <td>
        {s.editable ? (
          <form
            className="ajustes-en-linea"
            onSubmit={async (e) => {
              e.preventDefault();
              const leido = leerSecuencial(valor);
              if (!leido.ok) {
                setNota({ tipo: 'error', texto: leido.error.message });
                return;
              }
              const siguiente = leido.value;
              const d = await aprobar(
                `Fijar el primer secuencial de ${s.nombre}`,
                'administrador',
                (autorizacion) => fijarSecuencial(s.codDoc, siguiente, autorizacion),
              );
              setNota(
                notaDe(d, `${s.nombre}: la próxima será la ${String(siguiente).padStart(9, '0')}.`),
              );
            }}
          >
            <label htmlFor={`${id}-sec`} className="solo-lectores">
              Próximo secuencial de {s.nombre}
            </label>
            <input
              id={`${id}-sec`}
              inputMode="numeric"
              maxLength={9}
              value={valor}
              onChange={(e) => setValor(e.target.value)}
            />
            <button type="submit" className="boton boton-secundario boton-pequeno">
              Fijar
            </button>
          </form>
        ) : (
          <span>{String(s.siguiente).padStart(9, '0')}</span>
        )}
        <MostrarNota nota={nota} testId="secuencial-nota" />
        {dialogo}
      </td>
      <td>
        {s.editable
          ? 'Se puede fijar mientras no haya comprobantes de este tipo (p. ej., si viene de otro sistema).'
          : 'Fijo: ya hay comprobantes emitidos.'}
      </td>
    </tr>
  );
};

/** Ajustes › Emisor y punto de emisión. */
export const EmisorYPunto = () => {
  const tienda = useAjustes((s) => s.tienda);
  if (tienda === null) return <p>Cargando los datos de la tienda…</p>;
  return (
    <div className="ajustes-seccion-cuerpo" data-testid="seccion-emisor">
      <FormEmisor />
      {tienda.emisor === null ? null : <FormPunto />}
      <Ambiente />
      {tienda.secuenciales.length === 0 ? null : (
        <div className="ajustes-formulario">
          <h3 id="secuenciales-titulo">Próximos secuenciales de este punto</h3>
          <table className="ajustes-tabla" aria-labelledby="secuenciales-titulo">
            <thead>
              <tr>
                <th scope="col">Comprobante</th>
                <th scope="col">Próximo número</th>
                <th scope="col">Nota</th>
              </tr>
            </thead>
            <tbody>
              {tienda.secuenciales.map((s) => (
                <FilaSecuencial key={s.codDoc} s={s} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
};
