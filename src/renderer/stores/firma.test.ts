import { describe, expect, it } from 'vitest';
import type { CertificadoEstado } from '../../shared/contract/certificado';
import { err, ok, type Result } from '../../shared/result';
import { archivoElegido, createFirmaStore, type FirmaApi } from './firma';

/** Only what the store hands on; the rest is the real call's business. */
const estado = (desbloqueado: boolean): CertificadoEstado =>
  ({ certificado: null, desbloqueado, advertencias: [] }) as unknown as CertificadoEstado;

/** A fake main: records each call and answers from a table the test fills. */
const fakeApi = (respuestas: Record<string, (input: unknown) => Result<unknown>>) => {
  const llamadas: { name: string; input: unknown }[] = [];
  const api: FirmaApi = {
    call: async (name, input) => {
      llamadas.push({ name, input });
      const responder = respuestas[name];
      if (responder === undefined) return err('interno', `sin respuesta para ${name}`);
      return responder(input) as never;
    },
  };
  return { api, llamadas };
};

const aprobacion = { usuarioId: 'u1', pin: '9012' };

describe('store de Ajustes › Firma', () => {
  it('importa con la aprobación, publica el certificado nuevo y lo dice', async () => {
    const publicados: CertificadoEstado[] = [];
    const { api, llamadas } = fakeApi({ 'certificado.importar': () => ok(estado(true)) });
    const store = createFirmaStore(api, (c) => publicados.push(c));
    const s = store.getState();
    const desenlace = await s.hacer(
      'firma',
      () => s.importar({ p12Base64: 'AAEC', password: 'clave', modo: 'keychain' }, aprobacion),
      'Firma importada. Las ventas se firman con ella desde ahora.',
    );
    expect(desenlace).toBeNull();
    expect(llamadas).toEqual([
      {
        name: 'certificado.importar',
        input: { p12Base64: 'AAEC', password: 'clave', modo: 'keychain', autorizacion: aprobacion },
      },
    ]);
    expect(publicados).toEqual([estado(true)]);
    expect(store.getState().notas.firma).toEqual({
      tipo: 'ok',
      texto: 'Firma importada. Las ventas se firman con ella desde ahora.',
    });
    expect(store.getState().enviando.firma).toBe(false);
  });

  it('una contraseña equivocada queda como error en español, sin publicar nada', async () => {
    const publicados: CertificadoEstado[] = [];
    const { api } = fakeApi({
      'certificado.importar': () =>
        err('p12_clave_incorrecta', 'La contraseña de la firma no es correcta.'),
    });
    const store = createFirmaStore(api, (c) => publicados.push(c));
    const s = store.getState();
    const desenlace = await s.hacer(
      'firma',
      () => s.importar({ p12Base64: 'AAEC', password: 'mala', modo: 'preguntar' }),
      'Firma importada.',
    );
    // The form clears what was typed only on success: an error answers an AppError, not null.
    expect(desenlace).toMatchObject({ message: 'La contraseña de la firma no es correcta.' });
    expect(store.getState().notas.firma).toEqual({
      tipo: 'error',
      texto: 'La contraseña de la firma no es correcta.',
    });
    expect(publicados).toEqual([]);
  });

  it('cerrar el diálogo de aprobación no deja nota ni botón esperando', async () => {
    const { api, llamadas } = fakeApi({});
    const store = createFirmaStore(api, () => {});
    const desenlace = await store.getState().hacer('firma', async () => 'cancelado', 'Hecho.');
    expect(desenlace).toBe('cancelado');
    expect(store.getState().notas.firma).toBeNull();
    expect(store.getState().enviando.firma).toBe(false);
    expect(llamadas).toEqual([]);
  });

  it('cada formulario tiene su nota y su botón; uno en curso no se envía dos veces', async () => {
    let soltar: (r: Result<CertificadoEstado>) => void = () => {};
    const { api, llamadas } = fakeApi({});
    api.call = async (name, input) => {
      llamadas.push({ name, input });
      return new Promise((r) => {
        soltar = r as never;
      });
    };
    const store = createFirmaStore(api, () => {});
    const s = store.getState();
    const primero = s.hacer('desbloqueo', () => s.desbloquear('clave'), 'Firma desbloqueada.');
    expect(store.getState().enviando).toEqual({ firma: false, desbloqueo: true, otroRuc: false });
    expect(await s.hacer('desbloqueo', () => s.desbloquear('clave'), 'x')).toBe('cancelado');
    soltar(ok(estado(true)));
    await primero;
    expect(llamadas).toHaveLength(1);
    expect(store.getState().notas).toEqual({
      firma: null,
      desbloqueo: { tipo: 'ok', texto: 'Firma desbloqueada.' },
      otroRuc: null,
    });
    // The form shown again starts clean, as it did when the note lived in the component.
    store.getState().olvidarNota('desbloqueo');
    expect(store.getState().notas.desbloqueo).toBeNull();
  });

  it('confirma otro RUC sin espacios, sin RUC del certificado como null; quitar lleva la confirmación', async () => {
    const { api, llamadas } = fakeApi({
      'certificado.confirmarOtroRuc': () => ok(estado(true)),
      'certificado.eliminar': () => ok(estado(false)),
    });
    const store = createFirmaStore(api, () => {});
    await store.getState().confirmarOtroRuc({ rucCertificado: '  ', rucEmisor: ' 0992345678001 ' });
    await store.getState().quitar(aprobacion);
    expect(llamadas.map((l) => l.input)).toEqual([
      { rucCertificado: null, rucEmisor: '0992345678001' },
      { confirmar: true, autorizacion: aprobacion },
    ]);
  });

  it('sin archivo elegido lo pide antes de cualquier aprobación', () => {
    const r = archivoElegido(undefined);
    expect(r.ok ? '' : r.error.message).toBe(
      'Elija el archivo de la firma electrónica (.p12 o .pfx).',
    );
    expect(archivoElegido('p12')).toEqual(ok('p12'));
  });
});
