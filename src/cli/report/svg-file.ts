import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Writes an SVG picture (from `core/analytics/charts`) to `path`, creating its folders first. */
export const writeSvg = async (path: string, svg: string): Promise<void> => {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, svg, 'utf8');
};
