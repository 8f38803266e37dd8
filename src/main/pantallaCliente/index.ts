import { randomUUID } from 'node:crypto';
import { ok } from '../../shared/result';
import type { Database } from '../db';
import { silentLogger } from '../log';
import type { EventBus, Handlers } from '../rpc';
import { createPantallaCliente, type PantallaClienteService } from './service';

export { createPantallaCliente, type PantallaClienteService } from './service';

/**
 * Wires the customer display to the calls that change what the buyer sees: a saved cart and a
 * charged sale (wrapping their handlers, after they succeed) and an authorized document. The
 * buyer's e-mail comes back through `proponerCorreo` (the host's `/api/cliente/correo`, the
 * display window's IPC channel), never through the contract; the cashier's discard of it is the
 * contract call `pantallaCliente.descartarCorreo`, answered here.
 * @example const pantalla = conectarPantallaCliente({ db, events, handlers, tienda, logo })
 */
export const conectarPantallaCliente = (deps: {
  db: Database;
  events: EventBus;
  handlers: Handlers;
  tienda: () => string | null;
  logo: () => Uint8Array | null;
  /** A clock that never jumps, for the pause between two e-mail proposals. */
  monotonoMs: () => number;
}): PantallaClienteService => {
  const { db, events, handlers } = deps;
  const descripcion = db.sqlite.prepare<[string], { d: string }>(
    'SELECT description AS d FROM product WHERE id = ?',
  );
  const clave = db.sqlite.prepare<[string], { c: string }>(
    'SELECT clave_acceso AS c FROM document WHERE id = ?',
  );
  const calcular = handlers['ventas.calcular'];
  const pantalla = createPantallaCliente({
    calcular: (carrito) => {
      const r = calcular(carrito, { transport: 'ipc', logger: silentLogger });
      // `ventas.calcular` is synchronous; a promise here would be a change of contract.
      return r instanceof Promise ? { ok: false, error: { code: 'interno', message: '' } } : r;
    },
    descripcion: (id) => descripcion.get(id)?.d ?? null,
    claveDe: (id) => clave.get(id)?.c ?? null,
    tienda: () => {
      const nombre = deps.tienda();
      if (nombre === null) return null;
      const logo = deps.logo();
      const tipo = logo?.[0] === 0x89 ? 'image/png' : 'image/jpeg';
      return {
        nombre,
        logo: logo === null ? null : `data:${tipo};base64,${Buffer.from(logo).toString('base64')}`,
      };
    },
    emitir: (p) => events.emit('pantallaCliente', p),
    proponer: (p) => events.emit('pantallaCliente.correoPropuesto', p),
    nuevaSolicitud: randomUUID,
    ahora: deps.monotonoMs,
  });

  const guardar = handlers['carrito.guardar'];
  handlers['carrito.guardar'] = async (input, ctx) => {
    const r = await guardar(input, ctx);
    if (r.ok) pantalla.alGuardarCarrito(input);
    return r;
  };
  const cobrar = handlers['ventas.cobrar'];
  handlers['ventas.cobrar'] = async (input, ctx) => {
    const r = await cobrar(input, ctx);
    if (r.ok && !r.value.repetida) {
      const pagado = input.pagos.reduce((a, p) => a + p.montoCentavos, 0);
      pantalla.alCobrar(r.value, pagado === 0 ? r.value.totales.totalCentavos : pagado);
    }
    return r;
  };
  handlers['pantallaCliente.descartarCorreo'] = (input) =>
    ok({ descartado: pantalla.descartarCorreo(input.ventaId) });
  events.subscribe('documento', ({ documentoId, estado }) => {
    if (estado === 'AUTHORIZED') pantalla.alAutorizar(documentoId);
  });
  return pantalla;
};
