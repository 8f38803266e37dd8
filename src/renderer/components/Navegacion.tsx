import { pantallas } from '../pantallas';
import { useApp } from '../stores/app';

/** The five screens, each a large button with its shortcut printed on it. */
export const Navegacion = () => {
  const actual = useApp((s) => s.pantalla);
  const irA = useApp((s) => s.irA);
  return (
    <nav className="navegacion" aria-label="Pantallas">
      <ul>
        {pantallas.map((p) => (
          <li key={p.id}>
            <button
              type="button"
              className="nav-boton"
              aria-current={p.id === actual ? 'page' : undefined}
              aria-keyshortcuts={`Alt+${p.digito}`}
              data-testid={`nav-${p.id}`}
              onClick={() => irA(p.id)}
            >
              <span className="nav-titulo">{p.titulo}</span>
              <kbd className="nav-atajo">Alt+{p.digito}</kbd>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
};
