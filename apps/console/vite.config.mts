import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { statechartDefinitions } from '../../libs/accounts/src/diagrams/statecharts';

const STATECHARTS = 'virtual:statecharts';

/**
 * The three statecharts as Mermaid text, generated at build time from the XState machines
 * by the same code as docs/domain.md: the page gets the definitions, not the domain code.
 */
function statecharts(): Plugin {
  return {
    name: 'account-ops-statecharts',
    resolveId: (id) => (id === STATECHARTS ? `\0${STATECHARTS}` : undefined),
    load: (id) =>
      id === `\0${STATECHARTS}`
        ? `export default ${JSON.stringify(statechartDefinitions())};`
        : undefined,
  };
}

// `vite build apps/console` (npm run console:build) writes dist/; the API serves it at /console.
export default defineConfig({
  base: '/console/',
  plugins: [react(), statecharts()],
  // `npm run console:dev`: the page with hot reload, the API of a running `npm start`.
  server: {
    proxy: { '^/(accounts|ops|audit|me|health|auth)(/|$|\\?)': 'http://localhost:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Mermaid is large; its diagram types load on demand as separate chunks.
    chunkSizeWarningLimit: 2048,
    // No inline scripts or data: URLs for scripts, so a strict CSP (script-src 'self') holds.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
