import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Two pages, one build: the admin dashboard and the member page. The API server serves web/dist
// under /static/ and answers /admin/* and /m/{token} with their HTML, so routes stay client-side.
export const webConfig = defineConfig({
  root: here('.'),
  base: '/static/',
  plugins: [react()],
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    rollupOptions: { input: { admin: here('admin.html'), member: here('member.html') } },
  },
  server: {
    proxy: {
      '/v1': 'http://127.0.0.1:3000',
      '/auth': 'http://127.0.0.1:3000',
      '/m/api': 'http://127.0.0.1:3000',
    },
  },
});

// Vite reads the default export of its config file.
// eslint-disable-next-line no-restricted-syntax
export default webConfig;
