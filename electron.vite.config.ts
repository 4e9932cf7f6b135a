import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';

/**
 * Entries are explicit (electron-vite's defaults assume src/): main and preload from app/, the renderer rooted at
 * app/renderer. The preload is CommonJS so windows keep `sandbox: true`. better-sqlite3 and other
 * dependencies stay external to main (rebuilt for Electron by electron-builder).
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      lib: { entry: resolve(__dirname, 'app/main/index.ts'), formats: ['es'] },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      lib: { entry: resolve(__dirname, 'app/preload/index.ts'), formats: ['cjs'] },
      rollupOptions: { external: ['electron'], output: { entryFileNames: 'index.cjs' } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'app/renderer'),
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: resolve(__dirname, 'app/renderer/index.html') },
    },
  },
});
