import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = process.env.LEVELSYNC_API_URL ?? 'http://localhost:4000';

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  server: {
    proxy: {
      // One path for queries (HTTP) and subscriptions (graphql-ws upgrade).
      '/graphql': { target: apiTarget, changeOrigin: true, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
});
