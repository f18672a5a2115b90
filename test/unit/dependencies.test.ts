import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

// Finding 11 of issue 16: the Matrix SDK pulled request 2.88 (CVE-2023-28155), tough-cookie 2.5
// (CVE-2023-26136) and form-data 2.3 (CVE-2025-7783). package.json's overrides replace them;
// this keeps the lock file from drifting back.

const lock = JSON.parse(readFileSync(join(import.meta.dirname, '../../package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; name?: string }>;
};
const installed = (name: string) =>
  Object.entries(lock.packages)
    .filter(([path]) => path.endsWith(`node_modules/${name}`))
    .map(([, p]) => ({ name: p.name ?? name, version: p.version ?? '' }));
const major = (version: string) => Number(version.split('.')[0]);

it('installs no request 2, tough-cookie before 4.1.3 or form-data before 4.0.4', () => {
  expect(installed('request').every((p) => p.name === '@cypress/request')).toBe(true);
  expect(
    installed('tough-cookie')
      .map((p) => p.version)
      .filter((v) => major(v) < 5),
  ).toEqual([]);
  expect(
    installed('form-data')
      .map((p) => p.version)
      .filter((v) => major(v) < 4),
  ).toEqual([]);
});
