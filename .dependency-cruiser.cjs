/**
 * House rules, checked by `npm run lint`:
 * - no import cycles;
 * - apps never import other apps (they talk over the network or through the `pons` command);
 * - packages never import apps; `@pons/protocol` imports nothing of ours and no Node built-in.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make modules impossible to reason about.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'apps-not-each-other',
      severity: 'error',
      comment: 'An app may use packages/*, never another app.',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    { name: 'packages-not-apps', severity: 'error', from: { path: '^packages/' }, to: { path: '^(apps|tools|e2e|bench)/' } },
    {
      name: 'protocol-is-the-bottom',
      severity: 'error',
      comment: 'packages/protocol holds schemas and types only: no I/O, no Node built-ins, nothing of ours.',
      from: { path: '^packages/protocol/' },
      to: { pathNot: ['^packages/protocol/', 'node_modules/@sinclair/typebox'] },
    },
    { name: 'tools-not-apps', severity: 'error', from: { path: '^(tools|bench)/' }, to: { path: '^apps/' } },
    {
      name: 'server-modules-through-index',
      severity: 'error',
      comment: 'A server module is used by others only through its index.ts.',
      from: { path: '^apps/server/src/(?!modules/([^/]+)/)', pathNot: '^apps/server/src/modules/' },
      to: { path: '^apps/server/src/modules/[^/]+/(?!index\\.ts$)', pathNot: ['^apps/server/src/modules/(live|system)/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['/dist/', '\\.d\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'types', 'default'],
      extensions: ['.ts', '.tsx', '.js'],
    },
  },
};
