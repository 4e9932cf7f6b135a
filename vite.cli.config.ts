import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** Native addons and the lazily loaded browser driver stay in node_modules; everything else is bundled. */
const EXTERNAL = ['better-sqlite3', '@node-rs/argon2', 'playwright-core', 'serialport', '@serialport/bindings-cpp'];

/**
 * The headless client, built by `npm run build` beside the app: one bundled ES module (out/cli/cli.js), so a
 * command starts in a fraction of a second instead of compiling TypeScript or resolving hundreds of files.
 */
export default defineConfig({
  build: {
    ssr: resolve(import.meta.dirname, 'app/main/cli/bin.ts'),
    outDir: resolve(import.meta.dirname, 'out/cli'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    reportCompressedSize: false,
    rollupOptions: {
      external: [...EXTERNAL, ...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
      output: { format: 'es', entryFileNames: 'cli.js' },
    },
  },
  ssr: { noExternal: true, external: EXTERNAL },
});
