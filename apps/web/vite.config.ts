import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// In development the API runs on the server's port; in production the server serves dist/ itself.
export default defineConfig({
  plugins: [react()],
  server: {
    // `ws`: the realtime socket at /api/ws goes through the same proxy.
    proxy: { '/api': { target: process.env.TANGRAM_API ?? 'http://127.0.0.1:3000', changeOrigin: false, ws: true } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      treeshake: {
        // @tangram/schema's modules only declare values; the shell uses its types, locales and message
        // catalogue, so anything else it exports (the ajv validators) is dropped instead of shipped.
        moduleSideEffects: (id: string) => !/[\\/]packages[\\/]schema[\\/]/.test(id),
      },
      output: {
        // echarts (with zrender) is most of the dashboards' weight: its own chunk, fetched only by the
        // dashboard pages and cached across app updates that don't touch it.
        codeSplitting: { groups: [{ name: 'echarts', test: /[\\/]node_modules[\\/](echarts|zrender)[\\/]/ }] },
      },
    },
  },
});
