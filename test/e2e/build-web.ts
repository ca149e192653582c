import { resolve } from 'node:path';
import { build } from 'vite';
import { webConfig } from '../../web/vite.config.js';

/**
 * The end-to-end tests drive the built pages as `npm start` serves them, from a build of their
 * own, so a rebuild of web/dist while they run cannot pull the scripts from under them.
 */
export const E2E_WEB_DIST = resolve(import.meta.dirname, '.web-dist');

export const setup = async () => {
  await build({
    ...webConfig,
    logLevel: 'warn',
    build: { ...webConfig.build, outDir: E2E_WEB_DIST },
  });
};
