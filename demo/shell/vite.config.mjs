// Bundles the demo's Headlamp shell (demo/shell) into static files. Same
// plugins as Headlamp's own frontend build: React, SVGs as components
// (`*.svg?react` in lib/), Node polyfills for the few Node globals lib/ uses.
import react from '@vitejs/plugin-react';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { nodePolyfills } from 'vite-plugin-node-polyfills';
import svgr from 'vite-plugin-svgr';

const here = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  logLevel: 'error',
  define: {
    global: 'globalThis',
  },
  plugins: [
    nodePolyfills({ include: ['process', 'buffer', 'stream'] }),
    svgr({ svgrOptions: { titleProp: true, ref: true } }),
    react(),
  ],
  resolve: {
    alias: [
      {
        find: /^(vite-plugin-node-polyfills\/shims\/.+)/,
        replacement: '$1',
        customResolver(source) {
          return fileURLToPath(import.meta.resolve(source));
        },
      },
    ],
  },
  build: {
    outDir: process.env.HFC_SHELL_OUT_DIR ?? resolve(here, '../dist/shell'),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 20_000,
    reportCompressedSize: false,
    // lib/i18n/config.js loads Headlamp's locales with import(`./locales/${lang}/${ns}.json…`);
    // vite leaves such imports in node_modules alone unless told.
    dynamicImportVarsOptions: {
      include: [/@kinvolk\/headlamp-plugin\/lib\/i18n\/config\.js$/],
      exclude: [],
    },
    rollupOptions: { maxParallelFileOps: 100 },
  },
});
