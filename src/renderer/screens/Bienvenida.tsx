import { useEffect, useId, useRef, useState } from 'react';
import { useAjustes } from '../stores/ajustes';
import { useSesion } from '../stores/sesion';
import { FormEmisor, FormPunto } from './ajustes/Emisor';
import { FirmaElectronica } from './ajustes/Firma';
import { FormImpresora, NUEVA } from './ajustes/Impresoras';
import './ajustes/ajustes.css';

const PASOS = [
  { id: 'administrador', titulo: 'Administrador' },
  { id: 'emisor', titulo: 'Emisor' },
  { id: 'punto', titulo: 'Punto de emisión' },
  { id: 'firma', titulo: 'Firma electrónica' },
  { id: 'impresora', titulo: 'Impresora' },
  { id: 'listo', titulo: 'Listo' },
] as const;

type PasoId = (typeof PASOS)[number]['id'];

/** First step: create the store's administrador, or (a welcome left half-way) log in as one. */
const PasoAdministrador = ({ alTerminar }: { alTerminar: () => void }) => {
  const hayUsuarios = useAjustes((s) => s.tienda?.hayUsuarios ?? false);
  const api = useAjustes((s) => s.api);
  const cargar = useAjustes((s) => s.cargar);
  const empezar = useAjustes((s) => s.empezarBienvenida);
  const usuarios = useSesion((s) => s.usuarios);
  const recargarSesion = useSesion((s) => s.recargar);
  const administradores = usuarios.filter((u) => u.activo && u.rol === 'administrador');
  const [nombre, setNombre] = useState('');
  const [elegido, setElegido] = useState('');
  const [pin, setPin] = useState('');
  const [pin2, setPin2] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [enviando, setEnviando] = useState(false);
  const id = useId();

  useEffect(() => {
    if (hayUsuarios) void recargarSesion();
  }, [hayUsuarios, recargarSesion]);

  const enviar = async () => {
    if (!/^\d{4,8}$/.test(pin)) {
      setError('El PIN debe tener de 4 a 8 dígitos.');
      return;
    }
    setEnviando(true);
    if (!hayUsuarios) {
      if (pin !== pin2) {
        setEnviando(false);
        setError('Los dos PIN no coinciden.');
        return;
      }
      const r = await api.call('ajustes.crearAdministrador', { nombre, pin });
      setEnviando(false);
      if (!r.ok) {
        setError(r.error.message);
        return;
      }
      setPin('');
      setPin2('');
      empezar();
    } else {
      const usuarioId = elegido || administradores[0]?.id || '';
      const r = await api.call('sesion.iniciar', { usuarioId, pin });
      setEnviando(false);
      if (!r.ok) {
        setError(r.error.message);
        return;
      }
      if (r.value.usuario?.rol !== 'administrador') {
        setError('Para configurar la tienda ingrese como administrador.');
        return;
      }
      setPin('');
      empezar();
    }
    await cargar();
    alTerminar();
  };

  return (
    <form
      className="ajustes-formulario"
      data-testid="paso-administrador"
      onSubmit={(e) => {
        e.preventDefault();
        if (!enviando) void enviar();
      }}
    >
      {hayUsuarios ? (
        <>
          <p>La configuración quedó a medias. Ingrese como administrador para continuar.</p>
          <div className="ajustes-campo">
            <label htmlFor={`${id}-admin`}>Administrador</label>
            <select
              id={`${id}-admin`}
              value={elegido || administradores[0]?.id || ''}
              onChange={(e) => setElegido(e.target.value)}
            >
              {administradores.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.nombre}
                </option>
              ))}
            </select>
          </div>
        </>
      ) : (
        <>
          <p>
            Quien administra la tienda autoriza los cambios de Ajustes, crea los usuarios de caja y
            sus PIN.
          </p>
          <div className="ajustes-campo">
            <label htmlFor={`${id}-nombre`}>Su nombre</label>
            <input
              id={`${id}-nombre`}
              value={nombre}
              onChange={(e) => setNombre(e.target.value)}
              autoComplete="name"
              required
              data-testid="admin-nombre"
            />
          </div>
        </>
      )}
      <div className="ajustes-campo">
        <label htmlFor={`${id}-pin`}>PIN (4 a 8 dígitos)</label>
        <input
          id={`${id}-pin`}
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={8}
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
          data-testid="admin-pin"
        />
      </div>
      {hayUsuarios ? null : (
        <div className="ajustes-campo">
          <label htmlFor={`${id}-pin2`}>Repita el PIN</label>
          <input
            id={`${id}-pin2`}
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            value={pin2}
            onChange={(e) => setPin2(e.target.value.replace(/\D/g, ''))}
            data-testid="admin-pin2"
          />
        </div>
      )}
      <button type="submit" className="boton" disabled={enviando} data-testid="admin-continuar">
        Continuar
      </button>
      {error === null ? null : (
        <p className="ajustes-nota ajustes-nota-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
};

/**
 * First run (docs/architecture.md §1): a store with no emission point yet is set up step by step —
 * administrador, emisor, establecimiento y punto de emisión, firma electrónica, impresora
 * (optional) — with the keyboard alone. Each step is the same form Ajustes shows later.
 */
export const Bienvenida = () => {
  const tienda = useAjustes((s) => s.tienda);
  const certificado = useAjustes((s) => s.certificado);
  const terminar = useAjustes((s) => s.terminarBienvenida);
  const administradorListo = useAjustes((s) => s.administradorListo);
  const [paso, setPaso] = useState<PasoId>('administrador');
  const titulo = useRef<HTMLHeadingElement>(null);
  const indice = PASOS.findIndex((p) => p.id === paso);
  const siguiente = () => setPaso(PASOS[Math.min(indice + 1, PASOS.length - 1)]?.id ?? 'listo');

  // Each step opens with the focus on its heading, so keyboard and screen-reader users follow.
  // biome-ignore lint/correctness/useExhaustiveDependencies: rerun on each step change.
  useEffect(() => {
    titulo.current?.focus();
  }, [paso]);

  const actual = PASOS[indice];
  return (
    <main className="bienvenida" data-testid="bienvenida" data-paso={paso}>
      <h1>Bienvenido a Mostrador</h1>
      <p>Configuremos la tienda para facturar electrónicamente. Son pocos pasos.</p>
      <ol className="bienvenida-pasos" aria-label="Pasos">
        {PASOS.map((p, i) => (
          <li key={p.id} aria-current={p.id === paso ? 'step' : undefined}>
            {i + 1}. {p.titulo}
          </li>
        ))}
      </ol>
      <section className="bienvenida-paso" aria-labelledby="bienvenida-titulo">
        <h2 id="bienvenida-titulo" ref={titulo} tabIndex={-1}>
          Paso {indice + 1} de {PASOS.length}: {actual?.titulo}
        </h2>
        {paso === 'administrador' ? <PasoAdministrador alTerminar={siguiente} /> : null}
        {paso === 'emisor' ? <FormEmisor alGuardar={siguiente} /> : null}
        {paso === 'punto' ? <FormPunto alGuardar={siguiente} /> : null}
        {paso === 'firma' ? (
          <>
            <p>
              La firma electrónica (.p12) que le entregó su entidad certificadora firma cada
              comprobante. Se guarda cifrada; la contraseña queda en el llavero del sistema.
            </p>
            <FirmaElectronica alImportar={siguiente} />
          </>
        ) : null}
        {paso === 'impresora' ? (
          <>
            <p>
              Opcional: sin impresora, cada RIDE se guarda como PDF y se puede reimprimir después.
            </p>
            <FormImpresora inicial={NUEVA} alGuardar={siguiente} />
          </>
        ) : null}
        {paso === 'listo' ? (
          <div data-testid="bienvenida-listo">
            <p>
              {tienda?.emisor?.razonSocial} emite desde el punto {tienda?.establecimiento?.codigo}-
              {tienda?.puntoEmision?.codigo} en el ambiente de{' '}
              {tienda?.emisor?.ambiente === 'produccion' ? 'producción' : 'pruebas'}.
            </p>
            {certificado?.certificado == null ? (
              <p className="ajustes-aviso ajustes-aviso-urgente" role="alert">
                Falta la firma electrónica: no se podrá facturar hasta importarla en Ajustes.
              </p>
            ) : null}
            <button
              type="button"
              className="boton"
              data-testid="bienvenida-terminar"
              onClick={() => {
                terminar();
                // Every screen starts again from the configured store and the open session.
                window.location.reload();
              }}
            >
              Empezar a vender
            </button>
          </div>
        ) : null}
        {(paso === 'firma' || paso === 'impresora') && administradorListo ? (
          <div className="bienvenida-pie">
            <button
              type="button"
              className="boton boton-secundario"
              onClick={siguiente}
              data-testid="bienvenida-omitir"
            >
              {paso === 'firma' ? 'Importarla después' : 'Omitir la impresora'}
            </button>
          </div>
        ) : null}
      </section>
    </main>
  );
};
