#!/usr/bin/env node
/**
 * Regenerates the installer icons from resources/icons/icono.svg: PNGs rendered by headless
 * Chromium (the only rasteriser this project already needs), then packed into .ico (Windows)
 * and .icns (macOS), both of which may hold PNG images directly. The outputs are committed;
 * packaging never runs this. Usage: node scripts/icons.mjs [--chromium /path/to/chromium]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dir = path.join(root, 'resources', 'icons');
const svg = readFileSync(path.join(dir, 'icono.svg'), 'utf8');
const flag = process.argv.indexOf('--chromium');
const chromium = flag === -1 ? 'chromium' : process.argv[flag + 1];
const work = mkdtempSync(path.join(tmpdir(), 'mostrador-iconos-'));

const render = (size) => {
  const html = path.join(work, `${size}.html`);
  const png = path.join(work, `${size}.png`);
  writeFileSync(
    html,
    `<!doctype html><html><body style="margin:0;background:transparent">${svg.replace(
      '<svg ',
      `<svg style="display:block;width:${size}px;height:${size}px" `,
    )}</body></html>`,
  );
  const run = spawnSync(
    chromium,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      '--default-background-color=00000000',
      `--window-size=${size},${size}`,
      `--screenshot=${png}`,
      `file://${html}`,
    ],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`chromium falló (${size}px): ${run.stderr}`);
  return readFileSync(png);
};

/** ICO with PNG entries (Windows Vista and later read them). */
const ico = (images) => {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at);
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt16LE(1, at + 4);
    header.writeUInt16LE(32, at + 6);
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.png)]);
};

/** ICNS with PNG chunks: ic07 128, ic08 256, ic09 512, ic10 1024 (512@2x). */
const icns = (images) => {
  const types = { 128: 'ic07', 256: 'ic08', 512: 'ic09', 1024: 'ic10' };
  const chunks = images
    .filter(({ size }) => types[size] !== undefined)
    .map(({ size, png }) => {
      const head = Buffer.alloc(8);
      head.write(types[size], 0, 'ascii');
      head.writeUInt32BE(png.length + 8, 4);
      return Buffer.concat([head, png]);
    });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + chunks.reduce((n, c) => n + c.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
};

try {
  const sizes = [16, 32, 48, 64, 128, 256, 512, 1024];
  const images = sizes.map((size) => ({ size, png: render(size) }));
  for (const { size, png } of images) {
    if ([256, 512, 1024].includes(size)) writeFileSync(path.join(dir, `${size}x${size}.png`), png);
  }
  writeFileSync(path.join(dir, 'icon.png'), images.find((i) => i.size === 512).png);
  writeFileSync(path.join(dir, 'icon.ico'), ico(images.filter((i) => i.size <= 256)));
  writeFileSync(path.join(dir, 'icon.icns'), icns(images));
  process.stdout.write(`Iconos generados en ${dir}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
