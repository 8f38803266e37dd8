import { pantallas } from '../pantallas';

/** The key map always in view, so nobody has to remember it. */
export const PieAtajos = () => (
  <footer className="pie">
    <h2 className="solo-lectores">Atajos de teclado</h2>
    <ul className="pie-atajos">
      <li>
        <kbd>F1</kbd> Atajos
      </li>
      {pantallas.map((p) => (
        <li key={p.id}>
          <kbd>Alt+{p.digito}</kbd> {p.titulo}
        </li>
      ))}
    </ul>
  </footer>
);
