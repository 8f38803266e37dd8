import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVersions, parseVersion, type Version } from './version';

const v = (text: string): Version => {
  const parsed = parseVersion(text);
  if (parsed === null) throw new Error(text);
  return parsed;
};

describe('versiones semánticas', () => {
  it('ordena según la precedencia de semver', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.2.0',
      '1.10.0',
      '2.0.0',
    ];
    for (let i = 0; i + 1 < ordered.length; i++) {
      expect(compareVersions(v(ordered[i] as string), v(ordered[i + 1] as string))).toBe(-1);
      expect(compareVersions(v(ordered[i + 1] as string), v(ordered[i] as string))).toBe(1);
    }
  });

  it('ignora la v inicial y los metadatos de compilación', () => {
    expect(compareVersions(v('v1.2.3+build.7'), v('1.2.3'))).toBe(0);
  });

  it('rechaza lo que no es semver', () => {
    for (const text of ['1.2', '01.2.3', '1.2.3-', 'latest', '']) {
      expect(parseVersion(text)).toBeNull();
    }
  });

  it('la comparación es antisimétrica', () => {
    const version = fc
      .tuple(
        fc.nat(20),
        fc.nat(20),
        fc.nat(20),
        fc.option(fc.constantFrom('beta.1', 'beta.2', 'rc.1')),
      )
      .map(([a, b, c, pre]) => v(`${a}.${b}.${c}${pre === null ? '' : `-${pre}`}`));
    fc.assert(
      fc.property(version, version, (a, b) => compareVersions(a, b) === -compareVersions(b, a)),
    );
  });
});
