import { describe, expect, it } from 'vitest';
import { accionDeTecla, atajos, type Tecla } from './keymap';
import { pantallas } from './pantallas';

const tecla = (parcial: Partial<Tecla> & Pick<Tecla, 'key' | 'code'>): Tecla => ({
  altKey: false,
  ctrlKey: false,
  shiftKey: false,
  metaKey: false,
  altGraph: false,
  ...parcial,
});

describe('mapa de teclas', () => {
  it('Alt+1…6 abre cada pantalla en el orden de la barra', () => {
    const abiertas = ['1', '2', '3', '4', '5', '6'].map((d) =>
      accionDeTecla(tecla({ key: d, code: `Digit${d}`, altKey: true })),
    );
    expect(abiertas).toEqual(pantallas.map((p) => ({ tipo: 'ir', pantalla: p.id })));
  });

  it('acepta los dígitos del teclado numérico', () => {
    expect(accionDeTecla(tecla({ key: '3', code: 'Numpad3', altKey: true }))).toEqual({
      tipo: 'ir',
      pantalla: 'conciliacion',
    });
  });

  it('reconoce Alt+dígito por la tecla física aunque el carácter cambie (macOS, otras distribuciones)', () => {
    expect(accionDeTecla(tecla({ key: '¡', code: 'Digit1', altKey: true }))).toEqual({
      tipo: 'ir',
      pantalla: 'cobro',
    });
  });

  it('los dígitos sin Alt, como los que teclea el lector de códigos, no hacen nada', () => {
    for (const d of '0123456789') {
      expect(accionDeTecla(tecla({ key: d, code: `Digit${d}` }))).toBeNull();
    }
    expect(accionDeTecla(tecla({ key: 'Enter', code: 'Enter' }))).toBeNull();
  });

  it('AltGr (Ctrl+Alt en Windows) se deja para escribir @ o #', () => {
    expect(
      accionDeTecla(tecla({ key: '@', code: 'Digit2', altKey: true, ctrlKey: true })),
    ).toBeNull();
    expect(
      accionDeTecla(tecla({ key: '#', code: 'Digit3', altGraph: true, altKey: true })),
    ).toBeNull();
  });

  it('Alt+7 y Alt con Mayús no abren nada', () => {
    expect(accionDeTecla(tecla({ key: '7', code: 'Digit7', altKey: true }))).toBeNull();
    expect(
      accionDeTecla(tecla({ key: '!', code: 'Digit1', altKey: true, shiftKey: true })),
    ).toBeNull();
  });

  it('F1 abre la ayuda y F12 queda libre para Cobrar', () => {
    expect(accionDeTecla(tecla({ key: 'F1', code: 'F1' }))).toEqual({ tipo: 'ayuda' });
    expect(accionDeTecla(tecla({ key: 'F12', code: 'F12' }))).toBeNull();
  });

  it('F1 lista Alt+6 para abrir Reportes', () => {
    expect(atajos).toContainEqual({ teclas: 'Alt+6', accion: 'Abrir Reportes' });
  });

  it('la lista de atajos que se muestra nombra cada pantalla con su tecla', () => {
    for (const p of pantallas) {
      expect(atajos).toContainEqual({ teclas: `Alt+${p.digito}`, accion: `Abrir ${p.titulo}` });
    }
  });
});
