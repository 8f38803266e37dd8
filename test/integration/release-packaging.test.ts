/**
 * The installers' layout (issue 11 §1): electron-builder's own loader reads
 * electron-builder.yml, and the packaged app is laid out from it and from the electron-vite
 * build — app files as in the asar, extraResources in `process.resourcesPath`, native addons
 * unpacked — so the real resolvers find migrations and fonts where the installed app looks.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Configuration } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types.
import { packagingPlan } from '../../scripts/package.mjs';
import { defaultMigrationsDir, loadMigrations } from '../../src/main/db';
import { createTempDir } from '../../src/main/db/testing';
import { defaultFontsDir, loadRideFonts } from '../../src/main/print';
import { leerAvisosTerceros } from '../../src/main/recursos/licencias';

const root = path.resolve(import.meta.dirname, '../..');
let config: Configuration;
let tmp: { dir: string; cleanup: () => void };
const resources = () => path.join(tmp.dir, 'Mostrador', 'resources');
const holder = process as NodeJS.Process & { resourcesPath?: string };
const previousResourcesPath = holder.resourcesPath;

/** Every file under `dir`, relative to it, with forward slashes. */
const walk = (dir: string, base = dir): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory()
      ? walk(full, base)
      : [path.relative(base, full).split(path.sep).join('/')];
  });

/** electron-builder's file-set semantics: include globs, then `!` excludes. */
const selected = (files: string[], patterns: string[]): string[] =>
  files.filter((file) => {
    let keep = false;
    for (const pattern of patterns) {
      if (pattern.startsWith('!')) {
        if (path.matchesGlob(file, pattern.slice(1))) keep = false;
      } else if (path.matchesGlob(file, pattern)) keep = true;
    }
    return keep;
  });

type FileSet = { from: string; to: string; filter: string[] };

beforeAll(async () => {
  // CI runs `electron-vite build` before the tests; build here when it has not, or when the
  // main-process sources changed since.
  const bundle = path.join(root, 'out', 'main', 'index.js');
  const newestSource = ['src/main', 'src/shared', 'src/preload']
    .flatMap((dir) => walk(path.join(root, dir)).map((f) => path.join(root, dir, f)))
    .reduce((newest, file) => Math.max(newest, statSync(file).mtimeMs), 0);
  if (!existsSync(bundle) || statSync(bundle).mtimeMs < newestSource) {
    const built = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`electron-vite build falló: ${built.stderr}`);
  }
  config = await getConfig(root, null, null);
  await validateConfiguration(config, new DebugLogger(false));
  tmp = createTempDir('mostrador-empaquetado-');

  // The app directory (what goes into app.asar): `files` over the project.
  const app = path.join(resources(), 'app');
  // getConfig normalises `files` to file sets; ours is one set over the project root.
  const patterns = ((config.files ?? []) as (string | { filter: string[] })[]).flatMap((set) =>
    typeof set === 'string' ? [set] : set.filter,
  );
  for (const file of selected(
    walk(root, root).filter((f) => !f.startsWith('node_modules/') && !f.startsWith('.git/')),
    patterns,
  )) {
    mkdirSync(path.dirname(path.join(app, file)), { recursive: true });
    cpSync(path.join(root, file), path.join(app, file));
  }
  // extraResources: copied as-is into process.resourcesPath.
  for (const set of (config.extraResources ?? []) as FileSet[]) {
    const from = path.join(root, set.from);
    for (const file of selected(walk(from), set.filter)) {
      const target = path.join(resources(), set.to, file);
      mkdirSync(path.dirname(target), { recursive: true });
      cpSync(path.join(from, file), target);
    }
  }
  holder.resourcesPath = resources();
}, 180_000);

afterAll(() => {
  holder.resourcesPath = previousResourcesPath;
  tmp?.cleanup();
});

describe('instaladores', () => {
  it('declara Mostrador con NSIS x64, AppImage, deb y dmg', () => {
    expect(config.appId).toBe('ec.mostrador.app');
    expect(config.productName).toBe('Mostrador');
    const targets = (list: unknown) =>
      (list as { target: string; arch?: string[] }[]).map(
        (t) => `${t.target}${t.arch ? `:${t.arch.join(',')}` : ''}`,
      );
    expect(targets(config.win?.target)).toEqual(['nsis:x64']);
    expect(targets(config.linux?.target)).toEqual(['AppImage:x64', 'deb:x64']);
    expect(targets(config.mac?.target)).toContain('dmg');
    // macOS auto-update needs the zip beside the dmg.
    expect(targets(config.mac?.target)).toContain('zip');
    for (const icon of [config.win?.icon, config.mac?.icon]) {
      expect(existsSync(path.join(root, String(icon)))).toBe(true);
    }
    expect(
      readFileSync(path.join(root, 'resources/icons/icon.png')).subarray(1, 4).toString(),
    ).toBe('PNG');
  });

  it('el paquete lleva el main, el preload y el renderer compilados donde index.ts los busca', () => {
    const app = path.join(resources(), 'app');
    const pkg = JSON.parse(readFileSync(path.join(app, 'package.json'), 'utf8')) as {
      main: string;
    };
    expect(existsSync(path.join(app, pkg.main))).toBe(true);
    // src/main/index.ts: join(import.meta.dirname, '..', 'preload', 'index.cjs') and '..', 'renderer'.
    const mainDir = path.dirname(path.join(app, pkg.main));
    expect(existsSync(path.join(mainDir, '..', 'preload', 'index.cjs'))).toBe(true);
    expect(existsSync(path.join(mainDir, '..', 'renderer', 'index.html'))).toBe(true);
    expect(walk(app).some((f) => f.endsWith('.map'))).toBe(false);
    // Migrations are not inside the asar: only the resources copy can be found.
    expect(existsSync(path.join(app, 'migrations'))).toBe(false);
  });

  it('la app instalada encuentra las migraciones y las fuentes en process.resourcesPath', () => {
    const migrations = defaultMigrationsDir();
    expect(migrations).toBe(path.join(resources(), 'migrations'));
    const loaded = loadMigrations(migrations);
    expect(loaded.ok && loaded.value.length).toBe(
      (
        JSON.parse(readFileSync(path.join(root, 'migrations/meta/_journal.json'), 'utf8')) as {
          entries: unknown[];
        }
      ).entries.length,
    );
    const fonts = defaultFontsDir();
    expect(fonts).toBe(path.join(resources(), 'resources', 'fonts'));
    expect(loadRideFonts(fonts).regular.familyName).toBe('DejaVu Sans');
    expect(
      existsSync(path.join(resources(), 'resources', 'wsdl', 'RecepcionComprobantesOffline.wsdl')),
    ).toBe(true);
  });

  it('el paquete lleva la licencia GPLv3 de SumatraPDF, su oferta de fuentes y los avisos MIT', () => {
    const licencias = path.join(resources(), 'resources', 'licencias');
    const gpl = readFileSync(path.join(licencias, 'SumatraPDF-GPLv3.txt'), 'utf8');
    expect(gpl).toContain('GNU GENERAL PUBLIC LICENSE');
    expect(gpl).toContain('Version 3, 29 June 2007');
    const avisos = readFileSync(path.join(licencias, 'TERCEROS.txt'), 'utf8');
    // the same SumatraPDF that pdf-to-printer ships, with where its source is
    const exe = readdirSync(path.join(root, 'node_modules/pdf-to-printer/dist')).find((f) =>
      f.startsWith('SumatraPDF-'),
    );
    const version = /SumatraPDF-(\d+\.\d+\.\d+)/.exec(exe ?? '')?.[1];
    expect(version).toBeDefined();
    expect(avisos).toContain(`SumatraPDF ${version}`);
    expect(avisos).toContain('https://github.com/sumatrapdfreader/sumatrapdf');
    expect(readFileSync(path.join(licencias, 'pdf-to-printer-MIT.txt'), 'utf8')).toBe(
      readFileSync(path.join(root, 'node_modules/pdf-to-printer/LICENSE'), 'utf8'),
    );
    expect(existsSync(path.join(licencias, 'koffi-MIT.txt'))).toBe(true);
    // what Ajustes › Acerca de shows, read from the installed copy
    expect(leerAvisosTerceros()).toMatchObject({ ok: true, value: { carpeta: licencias } });
  });

  it('el main compilado usa el mismo resolvedor y carga los módulos nativos desde node_modules', () => {
    const bundle = readFileSync(path.join(root, 'out', 'main', 'index.js'), 'utf8');
    expect(bundle).toContain('resourcesPath');
    expect(bundle).toContain('_journal.json');
    // Externalized, so they resolve to app.asar/node_modules (and the unpacked .node files).
    expect(bundle).toMatch(/from "better-sqlite3"|require\("better-sqlite3"\)/);
    expect(bundle).toMatch(/from "@napi-rs\/keyring"|require\("@napi-rs\/keyring"\)/);
    expect(bundle).not.toContain('better_sqlite3.node');
  });

  it('desempaqueta del asar cada binario nativo y lo recompila para Electron al empaquetar', () => {
    const unpack = config.asarUnpack as string[];
    const natives = [
      'better-sqlite3',
      ...readdirSync(path.join(root, 'node_modules/@napi-rs'))
        .filter((n) => n.startsWith('keyring'))
        .map((n) => `@napi-rs/${n}`),
      // koffi (the Windows spooler's FFI) ships its binaries prebuilt, one package per platform.
      'koffi',
      ...readdirSync(path.join(root, 'node_modules/@koromix'))
        .filter((n) => n.startsWith('koffi-'))
        .map((n) => `@koromix/${n}`),
    ]
      .flatMap((pkg) =>
        walk(path.join(root, 'node_modules', pkg)).map((f) => `node_modules/${pkg}/${f}`),
      )
      .filter(
        (f) => f.endsWith('.node') && !f.includes('/obj.target/') && !f.includes('test_extension'),
      );
    expect(natives).toContain('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    expect(natives.some((f) => f.startsWith('node_modules/@napi-rs/keyring'))).toBe(true);
    expect(natives.some((f) => f.startsWith('node_modules/@koromix/koffi-'))).toBe(true);
    // On Windows the packaged app needs the win32 binary: electron-builder installs the
    // platform's optional dependency when it builds there, and the same glob unpacks it.
    expect(unpack).toContain('node_modules/@koromix/koffi-*/**/*.node');
    // SumatraPDF.exe (pdf-to-printer) is executed, so it must be a real file on disk.
    const sumatra = readdirSync(path.join(root, 'node_modules/pdf-to-printer/dist'))
      .filter((f) => f.endsWith('.exe'))
      .map((f) => `node_modules/pdf-to-printer/dist/${f}`);
    expect(sumatra).toEqual(['node_modules/pdf-to-printer/dist/SumatraPDF-3.4.6-32.exe']);
    for (const file of sumatra) {
      expect(
        unpack.some((glob) => path.matchesGlob(file, glob)),
        file,
      ).toBe(true);
    }
    for (const file of natives) {
      expect(
        unpack.some((glob) => path.matchesGlob(file, glob)),
        file,
      ).toBe(true);
    }
    expect(config.npmRebuild).toBe(true);
    const plan = (
      packagingPlan({ plataforma: 'win', editor: 'Mostrador Cia. Ltda.' }) as [string, string[]][]
    ).map(([command, args]) => `${command} ${args.join(' ')}`);
    expect(plan).toEqual([
      'npx electron-vite build',
      'npx electron-builder install-app-deps',
      'npx electron-builder --config electron-builder.yml --win -c.win.signtoolOptions.publisherName=Mostrador Cia. Ltda. --publish never',
      'npm rebuild better-sqlite3',
    ]);
  });

  it('con MOSTRADOR_UPDATE_URL publica el canal genérico que lee la política', () => {
    expect(config.publish ?? null).toBeNull();
    const plan = (
      packagingPlan({
        plataforma: 'linux',
        canal: 'https://actualizaciones.example/mostrador/',
      }) as [string, string[]][]
    ).map(([command, args]) => `${command} ${args.join(' ')}`);
    expect(plan[2]).toBe(
      'npx electron-builder --config electron-builder.yml --linux -c.publish.provider=generic -c.publish.url=https://actualizaciones.example/mostrador/ -c.publish.channel=latest --publish never',
    );
  });
});
