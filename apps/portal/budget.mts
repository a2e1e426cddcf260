import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

interface BundleChunk {
  type: 'chunk';
  isEntry: boolean;
  imports: string[];
  code: string;
  viteMetadata?: { importedCss: Set<string> };
}
interface BundleAsset {
  type: 'asset';
  source: string | Uint8Array;
}

/**
 * Fails the build when the JavaScript and CSS a first visit downloads (the entry and what it imports
 * statically; lazy screens excluded) is over the budget, gzipped. Prints the figure either way.
 */
export function firstLoadBudget({ maxGzipBytes }: { maxGzipBytes: number }): Plugin {
  return {
    name: 'hookline-first-load-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = bundle as unknown as Record<string, BundleChunk | BundleAsset>;
      const seen = new Set<string>();
      const visit = (name: string): void => {
        if (seen.has(name)) {
          return;
        }
        seen.add(name);
        const file = files[name];
        if (file?.type !== 'chunk') {
          return;
        }
        file.imports.forEach(visit);
        file.viteMetadata?.importedCss.forEach((css) => seen.add(css));
      };
      Object.entries(files)
        .filter(([, file]) => file.type === 'chunk' && file.isEntry)
        .forEach(([name]) => visit(name));
      let js = 0;
      let css = 0;
      for (const name of seen) {
        const file = files[name];
        if (!file) {
          continue;
        }
        const size = gzipSync(file.type === 'chunk' ? file.code : file.source).length;
        if (name.endsWith('.css')) {
          css += size;
        } else {
          js += size;
        }
      }
      const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
      const line = `first load: ${kib(js)} JS + ${kib(css)} CSS gzipped (budget ${kib(maxGzipBytes)})`;
      if (js + css > maxGzipBytes) {
        this.error(`${line}: over budget`);
      }
      console.log(`[portal] ${line}`);
    },
  };
}
