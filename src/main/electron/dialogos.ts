import { type BrowserWindow, dialog } from 'electron';
import type { Dialogos } from '../mantenimiento';

/** Native dialogs for Ajustes › Respaldos; the browser host types paths instead. */
export const createDialogos = (window: () => BrowserWindow | null): Dialogos => ({
  elegirCarpeta: async (titulo) => {
    const options = { title: titulo, properties: ['openDirectory', 'createDirectory'] } as const;
    const parent = window();
    const result =
      parent === null
        ? await dialog.showOpenDialog({ ...options, properties: [...options.properties] })
        : await dialog.showOpenDialog(parent, { ...options, properties: [...options.properties] });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
});
