/**
 * What `dist/main.js` is made of: the plugin's build (Headlamp's vite config) run again in
 * memory, with the rendered size of every bundled module summed per package (or `src/` for
 * the plugin's own code). Headlamp's shared libraries are externals and not counted.
 */
import { build, type Plugin } from 'vite';

interface ModuleSizes {
  [owner: string]: number;
}

function ownerOf(id: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id);
  if (match) return match[1];
  const src = /\/src\/([^/]+)/.exec(id);
  return src ? `src/${src[1]}` : id.split('/').slice(-2).join('/');
}

export async function bundleComposition(): Promise<Array<{ owner: string; kB: number }>> {
  const sizes: ModuleSizes = {};
  const collect: Plugin = {
    name: 'hfc-bundle-composition',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        for (const [id, module] of Object.entries(chunk.modules)) {
          const owner = ownerOf(id);
          sizes[owner] = (sizes[owner] ?? 0) + module.renderedLength;
        }
      }
    },
  };
  const { default: config } = await import('@kinvolk/headlamp-plugin/config/vite.config.mjs');
  await build({
    ...config,
    logLevel: 'silent',
    plugins: [...(config.plugins ?? []), collect],
    build: { ...config.build, write: false, minify: true },
  });
  return Object.entries(sizes)
    .map(([owner, bytes]) => ({ owner, kB: Math.round(bytes / 102.4) / 10 }))
    .sort((a, b) => b.kB - a.kB);
}
