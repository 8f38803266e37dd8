import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IPC_CALL_CHANNEL, IPC_CLIENTE_CORREO_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/ipc';
import { pantallaSecundaria } from './pantallas';

const b = (x: number) => ({ x, y: 0, width: 1024, height: 768 });

describe('pantallaSecundaria', () => {
  it('elige la pantalla que no es la de la caja; con una sola, ninguna', () => {
    expect(
      pantallaSecundaria(
        [
          { id: 7, bounds: b(0) },
          { id: 9, bounds: b(1920) },
        ],
        7,
      ),
    ).toEqual(b(1920));
    expect(
      pantallaSecundaria(
        [
          { id: 9, bounds: b(1920) },
          { id: 7, bounds: b(0) },
        ],
        7,
      ),
    ).toEqual(b(1920));
    expect(pantallaSecundaria([{ id: 7, bounds: b(0) }], 7)).toBeNull();
  });
});

describe('preload de la pantalla del cliente', () => {
  it('escucha el mismo canal de eventos que el preload de la caja y solo envía el correo, sin importar nada compartido', () => {
    const fuente = readFileSync(new URL('../../preload/cliente.ts', import.meta.url), 'utf8');
    expect(fuente).toContain(`const IPC_EVENT_CHANNEL = '${IPC_EVENT_CHANNEL}';`);
    expect(fuente).toContain(`const IPC_CLIENTE_CORREO_CHANNEL = '${IPC_CLIENTE_CORREO_CHANNEL}';`);
    expect(fuente).not.toMatch(/from '\.\.\/shared/);
    // Its one invoke is the buyer's e-mail; never the contract's call channel.
    expect(fuente.match(/invoke\(/g)).toEqual(['invoke(']);
    expect(fuente).toContain('ipcRenderer.invoke(IPC_CLIENTE_CORREO_CHANNEL, propuesta)');
    expect(fuente).not.toContain(IPC_CALL_CHANNEL);
  });
});
