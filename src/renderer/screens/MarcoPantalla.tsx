import { type ReactNode, useEffect, useRef } from 'react';

type Props = {
  id: string;
  titulo: string;
  /** Who uses the screen, e.g. «Cajero». */
  quien: string;
  resumen: string;
  children: ReactNode;
};

/**
 * The frame of one screen: its heading takes the focus when the screen opens, so a keyboard
 * or screen-reader user lands on it after Alt+1…5.
 */
export const MarcoPantalla = ({ id, titulo, quien, resumen, children }: Props) => {
  const encabezado = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    encabezado.current?.focus();
  }, []);
  return (
    <section className="pantalla" aria-labelledby={`${id}-titulo`} data-testid={`pantalla-${id}`}>
      <h1 id={`${id}-titulo`} ref={encabezado} tabIndex={-1}>
        {titulo}
      </h1>
      <p className="pantalla-quien">{quien}</p>
      <p className="pantalla-resumen">{resumen}</p>
      {children}
    </section>
  );
};

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
