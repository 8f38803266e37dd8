/**
 * Issue 15 §7: electron-updater verifies a Windows update's signature only when the packaged
 * app-update.yml names the publisher. The packaging config asks for the check, the packaging
 * script refuses a Windows build without the publisher's name (MOSTRADOR_WIN_PUBLISHER, the one
 * place it comes from) and hands it to electron-builder in a key its schema accepts; an
 * installed app that cannot verify its updates (Windows without the name, Linux) does not
 * offer them.
 */
import path from 'node:path';
import type { Configuration } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types.
import { packagingPlan } from '../../scripts/package.mjs';
import { actualizacionVerificable } from '../../src/main/actualizaciones';

const root = path.resolve(import.meta.dirname, '../..');
const EDITOR = 'Mostrador Cia. Ltda.';

/** What `-c.win.signtoolOptions.publisherName=…` in the plan becomes for electron-builder. */
const override = (args: string[]): Configuration => {
  const arg = args.find((a) => a.startsWith('-c.win.signtoolOptions.publisherName='));
  if (arg === undefined) throw new Error('El plan no pasa el editor a electron-builder.');
  return { win: { signtoolOptions: { publisherName: arg.split('=').slice(1).join('=') } } };
};

describe('7 · las actualizaciones de Windows se verifican por la firma del editor', () => {
  it('electron-builder.yml pide la verificación y el plan de Windows lleva el editor', async () => {
    const plan = packagingPlan({ plataforma: 'win', editor: EDITOR }) as [string, string[]][];
    const builder = plan.find(([, args]) => args.includes('--win'));
    if (builder === undefined) throw new Error('Sin paso de electron-builder');
    const config = await getConfig(root, null, override(builder[1]));
    // The schema of this electron-builder version accepts the key (it rejects unknown ones).
    await validateConfiguration(config, new DebugLogger(false));
    expect(config.win?.verifyUpdateCodeSignature).toBe(true);
    expect(config.win?.signtoolOptions?.publisherName).toBe(EDITOR);
  });

  it('sin MOSTRADOR_WIN_PUBLISHER no se empaqueta para Windows; Linux y macOS no lo necesitan', () => {
    expect(() => packagingPlan({ plataforma: 'win' })).toThrow(/MOSTRADOR_WIN_PUBLISHER/);
    expect(() => packagingPlan({ plataforma: 'win', editor: '  ' })).toThrow(/CN/);
    expect(() => packagingPlan({ plataforma: 'linux' })).not.toThrow();
  });

  it('una instalación que no puede verificar la firma no se actualiza sola', () => {
    const sinEditor = 'provider: generic\nurl: https://actualizaciones.example/mostrador/\n';
    const conEditor = `${sinEditor}publisherName:\n  - ${EDITOR}\n`;
    expect(actualizacionVerificable('win32', conEditor).ok).toBe(true);
    expect(actualizacionVerificable('win32', sinEditor).ok).toBe(false);
    expect(actualizacionVerificable('linux', conEditor).ok).toBe(false);
  });
});
