import { useAvisos } from '../stores/avisos';

/** Failed calls, in Spanish, each with what to do; they stay until dismissed. */
export const Avisos = () => {
  const avisos = useAvisos((s) => s.avisos);
  const descartar = useAvisos((s) => s.descartar);
  return (
    <section className="avisos" aria-label="Avisos" aria-live="assertive">
      {avisos.map((aviso) => (
        <div key={aviso.id} className="aviso aviso-error" role="alert" data-testid="aviso">
          <p>{aviso.error.message}</p>
          <button
            type="button"
            className="boton boton-secundario"
            onClick={() => descartar(aviso.id)}
          >
            Entendido
          </button>
        </div>
      ))}
    </section>
  );
};
