import { nombreEstado } from '../../../shared/contract/conciliacion';
import { useApp } from '../../stores/app';
import { hoyEcuador, useConciliacion } from '../../stores/conciliacion';

const plural = (n: number, uno: string, varios: string) => `${n} ${n === 1 ? uno : varios}`;

/**
 * A stuck document is impossible to miss: in manual review, rejected by the SRI, or pending for
 * too long. Shown on top of Conciliación and in the header, with a way to go and look.
 */
export const BannerAtascados = ({ enCabecera = false }: { enCabecera?: boolean }) => {
  const a = useConciliacion((s) => s.atascados);
  const irA = useApp((s) => s.irA);
  const filtrar = useConciliacion((s) => s.filtrar);
  const seleccionar = useConciliacion((s) => s.seleccionar);
  const filtro = useConciliacion((s) => s.filtro);
  const pantalla = useApp((s) => s.pantalla);
  if (a === null || a.total === 0) return null;
  // On Conciliación the screen's own banner says it.
  if (enCabecera && pantalla === 'conciliacion') return null;
  const partes = [
    a.revisionManual > 0
      ? plural(a.revisionManual, 'en revisión manual', 'en revisión manual')
      : null,
    a.rechazados > 0 ? plural(a.rechazados, 'rechazado por el SRI', 'rechazados por el SRI') : null,
    a.demorados > 0
      ? `${plural(a.demorados, 'pendiente', 'pendientes')} hace más de ${a.minutos} min`
      : null,
  ].filter((p) => p !== null);
  const ver = async () => {
    irA('conciliacion');
    const masAntiguo = a.masAntiguo;
    if (masAntiguo === null) return;
    // Widen the dates so the oldest stuck document is in the list.
    const fecha = hoyEcuador(new Date(masAntiguo.desde));
    await filtrar({
      desde: [fecha, filtro.desde].sort()[0] ?? fecha,
      hasta: hoyEcuador(),
      estado: a.revisionManual + a.rechazados > 0 ? 'con_error' : 'pendientes',
    });
    await seleccionar(masAntiguo.id);
  };
  return (
    <div
      className={`banner-atascados${enCabecera ? ' banner-atascados-cabecera' : ''}`}
      role="alert"
      data-testid={enCabecera ? 'atascados-cabecera' : 'atascados'}
    >
      <strong>{plural(a.total, 'documento necesita', 'documentos necesitan')} atención:</strong>{' '}
      {partes.join(', ')}.
      {a.masAntiguo === null ? null : (
        <>
          {' '}
          El más antiguo: {a.masAntiguo.numero} ({nombreEstado(a.masAntiguo.estado)}).
        </>
      )}{' '}
      <button
        type="button"
        className="boton boton-secundario boton-chico"
        onClick={() => void ver()}
      >
        Revisar
      </button>
    </div>
  );
};
