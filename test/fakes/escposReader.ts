/**
 * Reads back the ESC/POS commands Mostrador emits, failing on anything else: tests use it to
 * check the structure of a receipt (printed lines with their font and size, barcodes, cut,
 * drawer) without trusting the encoder that wrote it.
 */

export type EscposLine = {
  bytes: number[];
  font: 'A' | 'B';
  widthMultiplier: number;
  bold: boolean;
  align: number;
};

export type EscposCommand =
  | { kind: 'init' }
  | { kind: 'codePage'; n: number }
  | { kind: 'code128'; data: number[]; moduleDots: number }
  | { kind: 'qr'; data: number[] }
  | { kind: 'cut' }
  | { kind: 'drawer'; pin: number; on: number; off: number }
  | { kind: 'feed'; lines: number };

export type EscposReading = { lines: EscposLine[]; commands: EscposCommand[] };

export const readEscpos = (bytes: Uint8Array): EscposReading => {
  const lines: EscposLine[] = [];
  const commands: EscposCommand[] = [];
  let font: 'A' | 'B' = 'A';
  let widthMultiplier = 1;
  let bold = false;
  let align = 0;
  let moduleDots = 3;
  let text: number[] = [];
  let i = 0;
  const at = (offset: number): number => {
    const b = bytes[i + offset];
    if (b === undefined) throw new Error(`ESC/POS truncado en ${i}`);
    return b;
  };
  while (i < bytes.length) {
    const b = at(0);
    if (b === 0x0a) {
      lines.push({ bytes: text, font, widthMultiplier, bold, align });
      text = [];
      i += 1;
    } else if (b === 0x1b) {
      const c = at(1);
      if (c === 0x40) {
        commands.push({ kind: 'init' });
        i += 2;
      } else if (c === 0x74) {
        commands.push({ kind: 'codePage', n: at(2) });
        i += 3;
      } else if (c === 0x61) {
        align = at(2);
        i += 3;
      } else if (c === 0x45) {
        bold = at(2) === 1;
        i += 3;
      } else if (c === 0x4d) {
        font = at(2) === 1 ? 'B' : 'A';
        i += 3;
      } else if (c === 0x64) {
        commands.push({ kind: 'feed', lines: at(2) });
        i += 3;
      } else if (c === 0x70) {
        commands.push({ kind: 'drawer', pin: at(2), on: at(3), off: at(4) });
        i += 5;
      } else {
        throw new Error(`ESC ${c.toString(16)} desconocido en ${i}`);
      }
    } else if (b === 0x1d) {
      const c = at(1);
      if (c === 0x21) {
        widthMultiplier = (at(2) >> 4) + 1;
        i += 3;
      } else if (c === 0x56) {
        commands.push({ kind: 'cut' });
        i += at(2) >= 65 ? 4 : 3;
      } else if (c === 0x68 || c === 0x48 || c === 0x66) {
        i += 3;
      } else if (c === 0x77) {
        moduleDots = at(2);
        i += 3;
      } else if (c === 0x6b) {
        if (at(2) !== 73) throw new Error('Solo CODE128 (m = 73)');
        const n = at(3);
        commands.push({
          kind: 'code128',
          data: Array.from(bytes.slice(i + 4, i + 4 + n)),
          moduleDots,
        });
        i += 4 + n;
      } else if (c === 0x28 && at(2) === 0x6b) {
        const length = at(3) + at(4) * 256;
        const fn = at(6);
        if (fn === 0x50)
          commands.push({ kind: 'qr', data: Array.from(bytes.slice(i + 8, i + 5 + length)) });
        i += 5 + length;
      } else {
        throw new Error(`GS ${c.toString(16)} desconocido en ${i}`);
      }
    } else if (b < 0x20) {
      throw new Error(`Byte de control ${b} inesperado en ${i}`);
    } else {
      text.push(b);
      i += 1;
    }
  }
  if (text.length > 0) lines.push({ bytes: text, font, widthMultiplier, bold, align });
  return { lines, commands };
};

/** Digits carried by a CODE128 `GS k` payload written with {C pairs and {B characters. */
export const code128Text = (data: number[]): string => {
  let set: 'B' | 'C' = 'B';
  let out = '';
  for (let i = 0; i < data.length; i++) {
    const b = data[i] as number;
    if (b === 0x7b) {
      set = data[i + 1] === 0x43 ? 'C' : 'B';
      i += 1;
    } else {
      out += set === 'C' ? b.toString().padStart(2, '0') : String.fromCharCode(b);
    }
  }
  return out;
};
