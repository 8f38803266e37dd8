import { useEffect, useRef } from 'react';

/**
 * Keeps a native `<dialog>` in step with `abierta`: `showModal()` (focus trap, Esc) when it
 * turns true, `close()` when it turns false. `alAbrir` runs right after each opening, e.g. to
 * reset a form or move the focus.
 */
export const useDialogoModal = (
  abierta: boolean,
  alAbrir?: (dialogo: HTMLDialogElement) => void,
) => {
  const ref = useRef<HTMLDialogElement>(null);
  // The latest callback, without reopening the dialog each time the caller re-renders.
  const alAbrirActual = useRef(alAbrir);
  alAbrirActual.current = alAbrir;

  useEffect(() => {
    const dialogo = ref.current;
    if (dialogo === null) return;
    if (abierta && !dialogo.open) {
      dialogo.showModal();
      alAbrirActual.current?.(dialogo);
    }
    if (!abierta && dialogo.open) dialogo.close();
  }, [abierta]);

  return ref;
};
