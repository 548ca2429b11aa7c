import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/** The weight budget: the JavaScript a first visit loads (entry chunk and its static imports), gzip. */
export const INITIAL_JS_BUDGET = 170 * 1024;

/** Fails the build when the initial JavaScript is over budget; lazily loaded routes do not count. */
function initialJsBudget(): Plugin {
  return {
    name: 'kolabora:initial-js-budget',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((output) => output.type === 'chunk');
      const initial = new Set<string>();
      const visit = (fileName: string): void => {
        if (initial.has(fileName)) return;
        initial.add(fileName);
        const chunk = chunks.find((c) => c.fileName === fileName);
        for (const imported of chunk?.imports ?? []) visit(imported);
      };
      for (const chunk of chunks) if (chunk.isEntry) visit(chunk.fileName);
      const bytes = chunks.filter((c) => initial.has(c.fileName)).reduce((sum, c) => sum + gzipSync(c.code).length, 0);
      const line = `initial JS ${(bytes / 1024).toFixed(1)} KB gzip (budget ${INITIAL_JS_BUDGET / 1024} KB)`;
      if (bytes > INITIAL_JS_BUDGET) this.error(`Over the weight budget: ${line}`);
      console.log(line);
    },
  };
}

/** Brotli and gzip copies beside every script and style, so the service sends compressed files without compressing per request. */
function precompress(): Plugin {
  return {
    name: 'kolabora:precompress',
    writeBundle(options, bundle) {
      for (const file of Object.keys(bundle).filter((name) => /\.(js|css)$/.test(name))) {
        const output = bundle[file];
        const source = Buffer.from(output.type === 'chunk' ? output.code : output.source);
        const path = join(options.dir!, file);
        writeFileSync(`${path}.br`, brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(`${path}.gz`, gzipSync(source, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  // JSX with React's automatic runtime, through Vite's own transformer (no Babel plugin needed).
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [initialJsBudget(), precompress()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      // TanStack Query marks its hooks "use client" for server components; a client-only bundle has nothing to preserve.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': process.env.KOLABORA_API ?? 'http://localhost:3000', '/docs': process.env.KOLABORA_API ?? 'http://localhost:3000' },
  },
});
