import { Component, type ReactNode } from 'react';

type Props = {
  /** Where the failure happened, e.g. «la pantalla Caja». */
  lugar: string;
  children: ReactNode;
};

type State = { fallo: boolean };

/**
 * Catches a rendering bug so one broken screen does not blank the whole counter. React only
 * offers this as a class component.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { fallo: false };

  static getDerivedStateFromError(): State {
    return { fallo: true };
  }

  override render(): ReactNode {
    if (!this.state.fallo) return this.props.children;
    return (
      <section className="fallo" role="alert" aria-labelledby="fallo-titulo">
        <h2 id="fallo-titulo">Algo no salió bien en {this.props.lugar}</h2>
        <p>
          Las ventas ya cobradas están guardadas en este equipo. Pulse «Volver a intentar»; si el
          problema continúa, recargue la página con F5.
        </p>
        <button type="button" className="boton" onClick={() => this.setState({ fallo: false })}>
          Volver a intentar
        </button>
      </section>
    );
  }
}
