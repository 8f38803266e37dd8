/**
 * Semantic versions (semver.org §11 precedence), enough for the update feed: `1.4.0`,
 * `1.5.0-beta.2`, an optional leading `v` and build metadata (ignored when comparing).
 */

export type Version = {
  major: number;
  minor: number;
  patch: number;
  /** Dot-separated pre-release identifiers; empty for a release. */
  prerelease: string[];
};

const PATTERN =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/**
 * Parses a version, or null when it is not semver.
 * @example parseVersion('1.5.0-beta.2') // { major: 1, minor: 5, patch: 0, prerelease: ['beta', '2'] }
 */
export const parseVersion = (text: string): Version | null => {
  const match = PATTERN.exec(text.trim());
  if (match === null) return null;
  const numbers = [match[1], match[2], match[3]].map(Number);
  if (numbers.some((n) => !Number.isSafeInteger(n))) return null;
  return {
    major: numbers[0] as number,
    minor: numbers[1] as number,
    patch: numbers[2] as number,
    prerelease: match[4] === undefined ? [] : match[4].split('.'),
  };
};

const compareIdentifiers = (a: string, b: string): number => {
  const numericA = /^\d+$/.test(a);
  const numericB = /^\d+$/.test(b);
  if (numericA && numericB) return Math.sign(Number(a) - Number(b));
  // semver §11.4.3: numeric identifiers sort before alphanumeric ones.
  if (numericA) return -1;
  if (numericB) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
};

/**
 * -1, 0 or 1 as `a` is older, equal or newer than `b`.
 * @example compareVersions(parseVersion('1.0.0-rc.1')!, parseVersion('1.0.0')!) // -1
 */
export const compareVersions = (a: Version, b: Version): number => {
  for (const key of ['major', 'minor', 'patch'] as const) {
    if (a[key] !== b[key]) return Math.sign(a[key] - b[key]);
  }
  // A release is newer than any of its pre-releases.
  if (a.prerelease.length === 0 || b.prerelease.length === 0) {
    return Math.sign(b.prerelease.length - a.prerelease.length);
  }
  const length = Math.max(a.prerelease.length, b.prerelease.length);
  for (let i = 0; i < length; i++) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const order = compareIdentifiers(x, y);
    if (order !== 0) return order;
  }
  return 0;
};
