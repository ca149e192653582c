import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeSvg } from './svg-file.js';

describe('writeSvg', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('creates the parent folders and writes the picture', async () => {
    dir = await mkdtemp(join(tmpdir(), 'regulars-svg-'));
    const path = join(dir, 'reports', '2026', 'cohorts.svg');
    await writeSvg(path, '<svg xmlns="http://www.w3.org/2000/svg"/>');
    expect(await readFile(path, 'utf8')).toBe('<svg xmlns="http://www.w3.org/2000/svg"/>');
  });
});
