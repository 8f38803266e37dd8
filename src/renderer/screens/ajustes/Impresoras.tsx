import { useEffect, useId, useRef, useState } from 'react';
import type { Impresora, ImpresoraEntrada } from '../../../shared/contract/ajustes';
import { useAjustes } from '../../stores/ajustes';
import { impresorasStore, useImpresoras } from '../../stores/impresoras';
import { ListaColas, useColasSistema } from './colasSistema';
import { aBase64, MostrarNota, type Nota, notaDe, useAprobacion } from './comun';

type Perfil = Impresora['perfil'];

export const NUEVA: ImpresoraEntrada = {
  nombre: 'Caja 1',
  tipo: 'escpos_tcp',
  host: '',
  puerto: 9100,
  cola: '',
  perfil: 'tm-t20iii',
  papel: '80mm',
  predeterminada: true,
  abrirCajon: true,
};

const entradaDe = (i: Impresora): ImpresoraEntrada => ({
  id: i.id,
  nombre: i.nombre,
  tipo: i.tipo,
  host: i.host ?? '',
  puerto: i.puerto ?? 9100,
  cola: i.cola ?? '',
  perfil: i.perfil,
  papel: i.papel,
  predeterminada: i.predeterminada,
  abrirCajon: i.abrirCajon,
});

/** One empty list, not a new one per render (a selector's answer must be stable). */
const SIN_PERFILES: { id: Impresora['perfil']; nombre: string }[] = [];

/** How each kind is named to the owner. */
const TIPOS: { tipo: Impresora['tipo']; nombre: string; cambios: Partial<ImpresoraEntrada> }[] = [
  {
    tipo: 'escpos_tcp',
    nombre: 'Térmica ESC/POS por red (puerto RAW 9100)',
    cambios: { papel: '80mm' },
  },
  {
    tipo: 'escpos_spooler',
    nombre: 'Impresora del sistema, ESC/POS en crudo (térmica USB: corta el papel y abre el cajón)',
    cambios: { papel: '80mm' },
  },
  {
    tipo: 'pdf_spooler',
    nombre: 'Impresora del sistema, PDF (A4 u 80 mm)',
    cambios: { papel: 'a4', abrirCajon: false },
  },
];

const describir = (i: Impresora): string => {
  const rollo = i.papel === '58mm' ? '58 mm' : '80 mm';
  const cajon = i.abrirCajon ? ', abre el cajón' : '';
  switch (i.tipo) {
    case 'escpos_tcp':
      return `${i.host}:${i.puerto}, ${rollo}${cajon}`;
    case 'escpos_spooler':
      return `«${i.cola}» del sistema, ESC/POS en crudo, ${rollo}${cajon}`;
    case 'pdf_spooler':
      return `«${i.cola}» del sistema, PDF ${i.papel === 'a4' ? 'A4' : '80 mm'}`;
  }
};

/** Add or edit one printer: raw TCP (ESC/POS), or a system queue (raw ESC/POS or PDF). */
export const FormImpresora = ({
  inicial,
  alGuardar,
  alCancelar,
}: {
  inicial: ImpresoraEntrada;
  alGuardar?: () => void;
  alCancelar?: () => void;
}) => {
  const perfiles = useImpresoras((s) => s.datos?.perfiles ?? SIN_PERFILES);
  const hayDatos = useImpresoras((s) => s.datos !== null);
  const cargar = useImpresoras((s) => s.cargar);
  const guardar = useImpresoras((s) => s.guardar);
  // The welcome shows this form alone: the models come with the list.
  useEffect(() => {
    if (!hayDatos) void cargar();
  }, [hayDatos, cargar]);
  const { aprobar, dialogo } = useAprobacion();
  const [f, setF] = useState<ImpresoraEntrada>(inicial);
  const [nota, setNota] = useState<Nota>(null);
  const [enviando, setEnviando] = useState(false);
  const id = useId();
  const poner = (cambio: Partial<ImpresoraEntrada>) => setF((prev) => ({ ...prev, ...cambio }));
  const red = f.tipo === 'escpos_tcp';
  const escpos = f.tipo !== 'pdf_spooler';
  const sistema = useColasSistema(!red);

  return (
    <>
      <form
        className="ajustes-formulario"
        data-testid="form-impresora"
        onSubmit={async (e) => {
          e.preventDefault();
          setEnviando(true);
          const impresora: ImpresoraEntrada = {
            ...f,
            host: red ? (f.host ?? '') : null,
            puerto: red ? f.puerto : null,
            cola: red ? null : (f.cola ?? ''),
          };
          const d = await aprobar('Configurar una impresora', 'supervisor', (autorizacion) =>
            guardar(impresora, autorizacion),
          );
          setEnviando(false);
          setNota(notaDe(d, `Impresora «${f.nombre}» guardada.`));
          if (d === null) alGuardar?.();
        }}
      >
        <h3>
          {inicial.id === undefined ? 'Agregar una impresora' : `Modificar «${inicial.nombre}»`}
        </h3>
        <div className="ajustes-campo">
          <label htmlFor={`${id}-nombre`}>Nombre</label>
          <input
            id={`${id}-nombre`}
            value={f.nombre}
            onChange={(e) => poner({ nombre: e.target.value })}
            required
          />
        </div>
        <fieldset>
          <legend>Conexión</legend>
          {TIPOS.map((t) => (
            <label key={t.tipo}>
              <input
                type="radio"
                name={`${id}-tipo`}
                checked={f.tipo === t.tipo}
                onChange={() => poner({ tipo: t.tipo, ...t.cambios })}
              />{' '}
              {t.nombre}
            </label>
          ))}
        </fieldset>
        {red ? (
          <>
            <div className="ajustes-campo">
              <label htmlFor={`${id}-host`}>Dirección IP o nombre de la impresora</label>
              <input
                id={`${id}-host`}
                value={f.host ?? ''}
                placeholder="192.168.1.50"
                onChange={(e) => poner({ host: e.target.value })}
                data-testid="impresora-host"
              />
            </div>
            <div className="ajustes-campo">
              <label htmlFor={`${id}-puerto`}>Puerto</label>
              <input
                id={`${id}-puerto`}
                inputMode="numeric"
                value={f.puerto === null || f.puerto === undefined ? '' : String(f.puerto)}
                onChange={(e) => {
                  const n = Number(e.target.value);
                  poner({ puerto: e.target.value === '' || Number.isNaN(n) ? null : n });
                }}
                data-testid="impresora-puerto"
              />
            </div>
          </>
        ) : (
          <div className="ajustes-campo">
            <label htmlFor={`${id}-cola`}>Impresora del sistema (cola de impresión)</label>
            <input
              id={`${id}-cola`}
              list={`${id}-colas`}
              autoComplete="off"
              value={f.cola ?? ''}
              onChange={(e) => poner({ cola: e.target.value })}
              data-testid="impresora-cola"
            />
            <ListaColas id={`${id}-colas`} colas={sistema.colas} />
            {sistema.aviso === null ? null : <p className="ajustes-ayuda">{sistema.aviso}</p>}
          </div>
        )}
        {escpos ? (
          <>
            <div className="ajustes-campo">
              <label htmlFor={`${id}-perfil`}>Modelo</label>
              <select
                id={`${id}-perfil`}
                value={f.perfil}
                onChange={(e) => {
                  const perfil = e.target.value as Perfil;
                  poner({ perfil, papel: perfil === 'generico-58' ? '58mm' : '80mm' });
                }}
              >
                {perfiles.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.nombre}
                  </option>
                ))}
              </select>
            </div>
            <label className="ajustes-casilla">
              <input
                type="checkbox"
                checked={f.abrirCajon}
                onChange={(e) => poner({ abrirCajon: e.target.checked })}
              />{' '}
              Abrir el cajón de dinero en los pagos en efectivo
            </label>
          </>
        ) : (
          <div className="ajustes-campo">
            <label htmlFor={`${id}-papel`}>Papel</label>
            <select
              id={`${id}-papel`}
              value={f.papel}
              onChange={(e) => poner({ papel: e.target.value === '80mm' ? '80mm' : 'a4' })}
            >
              <option value="a4">A4</option>
              <option value="80mm">Rollo de 80 mm</option>
            </select>
          </div>
        )}
        <label className="ajustes-casilla">
          <input
            type="checkbox"
            checked={f.predeterminada}
            onChange={(e) => poner({ predeterminada: e.target.checked })}
          />{' '}
          Impresora predeterminada (imprime los RIDE de las ventas)
        </label>
        <div className="ajustes-acciones">
          <button
            type="submit"
            className="boton"
            disabled={enviando}
            data-testid="guardar-impresora"
          >
            Guardar la impresora
          </button>
          {alCancelar === undefined ? null : (
            <button type="button" className="boton boton-secundario" onClick={alCancelar}>
              Cancelar
            </button>
          )}
        </div>
        <MostrarNota nota={nota} testId="impresora-nota" />
      </form>
      {dialogo}
    </>
  );
};

const FilaImpresora = ({ i, alEditar }: { i: Impresora; alEditar: () => void }) => {
  const probar = useImpresoras((s) => s.probar);
  const eliminar = useImpresoras((s) => s.eliminar);
  const prueba = useImpresoras((s) => s.pruebas[i.id] ?? null);
  const probando = useImpresoras((s) => s.probando === i.id);
  const { aprobar, dialogo } = useAprobacion();
  const [nota, setNota] = useState<Nota>(null);
  const [quitando, setQuitando] = useState(false);
  return (
    <li className="ajustes-impresora" data-testid="impresora" data-nombre={i.nombre}>
      <p>
        <strong>{i.nombre}</strong>
        {i.predeterminada ? ' (predeterminada)' : ''} — {describir(i)}
      </p>
      <div className="ajustes-acciones">
        <button
          type="button"
          className="boton boton-secundario boton-pequeno"
          disabled={probando}
          data-testid="probar-impresora"
          onClick={() => {
            setNota(null);
            void probar(i.id);
          }}
        >
          {probando ? 'Probando…' : 'Imprimir prueba'}
        </button>
        <button type="button" className="boton boton-secundario boton-pequeno" onClick={alEditar}>
          Modificar
        </button>
        {quitando ? (
          <>
            <button
              type="button"
              className="boton boton-peligro boton-pequeno"
              onClick={async () => {
                const d = await aprobar(
                  `Quitar la impresora «${i.nombre}»`,
                  'supervisor',
                  (autorizacion) => eliminar(i.id, autorizacion),
                );
                setQuitando(false);
                setNota(notaDe(d, 'Impresora quitada.'));
              }}
            >
              Sí, quitar «{i.nombre}»
            </button>
            <button
              type="button"
              className="boton boton-secundario boton-pequeno"
              onClick={() => setQuitando(false)}
            >
              No
            </button>
          </>
        ) : (
          <button
            type="button"
            className="boton boton-secundario boton-pequeno"
            onClick={() => setQuitando(true)}
          >
            Quitar…
          </button>
        )}
      </div>
      <MostrarNota nota={nota ?? prueba} testId="impresora-prueba-nota" />
      {dialogo}
    </li>
  );
};

/** The store logo printed on the PDF RIDE. */
const LogoTienda = () => {
  const logo = useAjustes((s) => s.logo);
  const nota = useImpresoras((s) => s.notaLogo);
  const { aprobar, dialogo } = useAprobacion();
  const archivo = useRef<HTMLInputElement>(null);
  const id = useId();
  useEffect(() => impresorasStore().getState().olvidarNotaLogo(), []);
  const guardar = (imagenBase64: string | null) => {
    const acciones = impresorasStore().getState();
    return acciones.cambiarLogo(
      () =>
        aprobar('Cambiar el logo del RIDE', 'supervisor', (autorizacion) =>
          acciones.guardarLogo(imagenBase64, autorizacion),
        ),
      imagenBase64 === null ? 'Logo quitado.' : 'Logo guardado: sale en el RIDE.',
    );
  };
  return (
    <div className="ajustes-formulario" data-testid="logo">
      <h3>Logo en el RIDE</h3>
      {logo?.imagenBase64 != null && logo.tipo !== null ? (
        <img
          className="ajustes-logo"
          src={`data:${logo.tipo};base64,${logo.imagenBase64}`}
          alt="Logo actual de la tienda"
        />
      ) : (
        <p>Sin logo: el RIDE sale solo con los datos del emisor.</p>
      )}
      <label htmlFor={`${id}-logo`}>Imagen PNG o JPEG (hasta 512 KB)</label>
      <input
        id={`${id}-logo`}
        ref={archivo}
        type="file"
        accept="image/png,image/jpeg"
        onChange={async (e) => {
          const elegido = e.target.files?.[0];
          if (elegido !== undefined) await guardar(await aBase64(elegido));
        }}
      />
      {logo?.imagenBase64 == null ? null : (
        <button type="button" className="boton boton-secundario" onClick={() => void guardar(null)}>
          Quitar el logo
        </button>
      )}
      <MostrarNota nota={nota} testId="logo-nota" />
      {dialogo}
    </div>
  );
};

/** Ajustes › Impresoras. */
export const Impresoras = () => {
  const datos = useImpresoras((s) => s.datos);
  const cargar = useImpresoras((s) => s.cargar);
  const [editando, setEditando] = useState<ImpresoraEntrada | null>(null);
  useEffect(() => {
    void cargar();
  }, [cargar]);
  if (datos === null) return <p>Cargando las impresoras…</p>;
  return (
    <div className="ajustes-seccion-cuerpo" data-testid="seccion-impresoras">
      {datos.impresoras.length === 0 ? (
        <p>
          No hay impresoras: los RIDE se guardan como PDF en la carpeta de datos y se pueden
          reimprimir desde Conciliación.
        </p>
      ) : (
        <ul className="ajustes-lista">
          {datos.impresoras.map((i) => (
            <FilaImpresora key={i.id} i={i} alEditar={() => setEditando(entradaDe(i))} />
          ))}
        </ul>
      )}
      {datos.trabajosPendientes > 0 ? (
        <p role="status">
          {datos.trabajosPendientes} impresión(es) en espera: salen en cuanto la página de prueba
          imprima bien.
        </p>
      ) : null}
      {editando === null ? (
        <button
          type="button"
          className="boton"
          onClick={() =>
            setEditando({
              ...NUEVA,
              nombre: `Impresora ${datos.impresoras.length + 1}`,
              predeterminada: datos.impresoras.length === 0,
            })
          }
          data-testid="agregar-impresora"
        >
          Agregar una impresora
        </button>
      ) : (
        <FormImpresora
          key={editando.id ?? 'nueva'}
          inicial={editando}
          alGuardar={() => setEditando(null)}
          alCancelar={() => setEditando(null)}
        />
      )}
      <LogoTienda />
    </div>
  );
};
