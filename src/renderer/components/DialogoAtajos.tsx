import { atajos } from '../keymap';
import { atajosCobro } from '../screens/cobro/atajosCobro';
import { useApp } from '../stores/app';
import { useDialogoModal } from './useDialogoModal';

type Atajo = { teclas: string; accion: string };

/** Keys and what they do, one row each. */
const TablaAtajos = ({ atajos, testId }: { atajos: readonly Atajo[]; testId?: string }) => (
  <table className="tabla-atajos" data-testid={testId}>
    <thead>
      <tr>
        <th scope="col">Teclas</th>
        <th scope="col">Acción</th>
      </tr>
    </thead>
    <tbody>
      {atajos.map((a) => (
        <tr key={a.teclas}>
          <td>
            <kbd>{a.teclas}</kbd>
          </td>
          <td>{a.accion}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

/** The key map (F1). A native modal dialog: it traps focus; Esc and F1 close it. */
export const DialogoAtajos = () => {
  const abierta = useApp((s) => s.ayudaAbierta);
  const cerrar = useApp((s) => s.cerrarAyuda);
  const ref = useDialogoModal(abierta);

  return (
    <dialog
      ref={ref}
      className="dialogo"
      aria-labelledby="atajos-titulo"
      data-testid="dialogo-atajos"
      // Esc goes through the state like F1 does, so the two never disagree about the dialog.
      onCancel={(e) => {
        e.preventDefault();
        cerrar();
      }}
      // A close the page could not prevent. Its event arrives a task later, when F1 may have
      // opened the dialog again.
      onClose={() => {
        if (ref.current?.open !== true) cerrar();
      }}
    >
      <h2 id="atajos-titulo">Atajos de teclado</h2>
      <p>Todo se puede hacer desde el teclado, sin ratón.</p>
      <TablaAtajos atajos={atajos} />
      <h3>En Cobro</h3>
      <TablaAtajos atajos={atajosCobro} testId="atajos-cobro" />
      <button type="button" className="boton" onClick={cerrar}>
        Cerrar
      </button>
    </dialog>
  );
};
