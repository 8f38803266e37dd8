import { useApp } from '../stores/app';

/** Nobody should hand a customer a test document believing it is valid. */
export const BannerAmbiente = () => {
  const ambiente = useApp((s) => s.ambiente);
  const backendSri = useApp((s) => s.backendSri);
  if (ambiente !== 'pruebas' && backendSri !== 'simulador') return null;
  return (
    <div className="banner-ambiente" role="note" data-testid="banner-ambiente">
      <strong>AMBIENTE DE PRUEBAS</strong> — los documentos no tienen validez tributaria
      {backendSri === 'simulador' ? (
        <span className="banner-detalle"> · SRI simulado en este equipo</span>
      ) : null}
    </div>
  );
};
