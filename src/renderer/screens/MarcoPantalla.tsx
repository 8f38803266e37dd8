import type { ReactNode } from 'react';

type Props = {
  id: string;
  titulo: string;
  /** Who uses the screen, e.g. «Cajero». */
  quien: string;
  resumen: string;
  children: ReactNode;
};

/**
 * The frame of one screen. Its heading can take the focus (`tabIndex={-1}`): `App` moves the
 * focus there when the screen opens.
 */
export const MarcoPantalla = ({ id, titulo, quien, resumen, children }: Props) => (
  <section className="pantalla" aria-labelledby={`${id}-titulo`} data-testid={`pantalla-${id}`}>
    <h1 id={`${id}-titulo`} tabIndex={-1}>
      {titulo}
    </h1>
    <p className="pantalla-quien">{quien}</p>
    <p className="pantalla-resumen">{resumen}</p>
    {children}
  </section>
);

/** What a screen will hold, said plainly while it is not built yet. */
export const Proximamente = ({ puntos }: { puntos: readonly string[] }) => (
  <div className="proximamente">
    <h2>Qué podrá hacer aquí</h2>
    <ul>
      {puntos.map((p) => (
        <li key={p}>{p}</li>
      ))}
    </ul>
    <p className="proximamente-nota">Esta pantalla todavía no está disponible en esta versión.</p>
  </div>
);
