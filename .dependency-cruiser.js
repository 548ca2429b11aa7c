// The layering of Kolabora (issue 12, design/architecture.md), checked in `npm run lint`. Lower layers never import higher:
//   0 workflows < 1 base (common, config, database, documents) < 2 accounts (users < organizations < auth)
//   < 3 runtime (workflow-runtime) < 4 collaborations < 5 features (each other only via src/<feature>/index.ts)
//   < 6 app (app.module, main, bootstrap, entities, data-source, verify-history, docs, health, console)
// An ES module like eslint.config.js (package.json says "type": "module"); dependency-cruiser 17 loads it with import().

const BASE = 'common|config|database|documents';
const ACCOUNTS = 'users|organizations|auth';
const FEATURES = 'agreements|ip-checklist|partners|invitations|reviews|insights|notifications|password-reset|memberships|account|webhooks';
const APP = ['^src/(app\\.module|main|bootstrap|entities|data-source|verify-history)\\.ts$', '^src/(docs|health|console)/'];

/** A rule: modules in `from` folders may import from src/ only the `allowed` top-level folders. */
const onlyImports = (name, comment, from, allowed) => ({
  name,
  comment,
  severity: 'error',
  from: { path: `^src/(${from})/` },
  to: { path: '^src/', pathNot: `^src/(${allowed})/` },
});

const FORBIDDEN = [
  {
    name: 'workflows-pure',
    comment: 'The machines are pure and replayable: workflows/ may import only xstate and itself, nothing from src/, Nest or TypeORM.',
    severity: 'error',
    from: { path: '^workflows/', pathNot: '\\.spec\\.ts$' }, // the table-driven tests may read files (as in eslint.config.js)
    to: { pathNot: ['^workflows/', '^node_modules/xstate/'] },
  },
  onlyImports(
    'base-imports-base',
    'common, config, database and documents sit below every module: they may import only each other (and workflows/ types).',
    BASE,
    BASE,
  ),
  onlyImports(
    'users-imports-base',
    'Accounts are ordered users < organizations < auth: users may import only the base layer.',
    'users',
    `users|${BASE}`,
  ),
  onlyImports(
    'organizations-imports-users-and-base',
    'Accounts are ordered users < organizations < auth: organizations may import users and the base layer, never auth or a feature.',
    'organizations',
    `organizations|users|${BASE}`,
  ),
  onlyImports(
    'auth-imports-accounts-and-base',
    'Accounts are ordered users < organizations < auth: auth may import organizations, users and the base layer, never a feature.',
    'auth',
    `${ACCOUNTS}|${BASE}`,
  ),
  onlyImports(
    'runtime-imports-no-feature',
    'The workflow runtime is the core features plug into: it imports only the base layer and workflows/, never collaborations, accounts or a feature.',
    'workflow-runtime',
    `workflow-runtime|${BASE}`,
  ),
  onlyImports(
    'collaborations-imports-runtime-accounts-base',
    'collaborations sits on the runtime and accounts; features plug into it, so it may not import a feature.',
    'collaborations',
    `collaborations|workflow-runtime|${ACCOUNTS}|${BASE}`,
  ),
  {
    name: 'feature-via-public-entry',
    comment:
      "A feature may use another feature only through that feature's public entry src/<feature>/index.ts, so its insides can change freely.",
    severity: 'error',
    from: { path: `^src/(${FEATURES})/` },
    to: { path: `^src/(${FEATURES})/`, pathNot: ['^src/$1/', `^src/(${FEATURES})/index\\.ts$`] },
  },
  {
    name: 'no-app-imports',
    comment:
      'The app layer (app.module, main, bootstrap, entities, data-source, verify-history, docs, health, console) composes the modules; nothing below it may import it.',
    severity: 'error',
    from: { path: '^(src|workflows)/', pathNot: APP },
    to: { path: APP },
  },
  {
    name: 'no-folder-cycles',
    comment:
      'Folders form one direction: two folders that import each other (directly or round a loop) cannot be layered or changed apart.',
    severity: 'error',
    scope: 'folder',
    from: {},
    to: { circular: true },
  },
  {
    name: 'not-to-unresolvable',
    comment: 'An import the tool cannot resolve is one it cannot check: fix the path (relative, ending in .js) or install the package.',
    severity: 'error',
    from: {},
    to: { couldNotResolve: true },
  },
];

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: FORBIDDEN,
  options: {
    doNotFollow: { path: 'node_modules' },
    // Report node_modules/xstate/... even where node_modules is a symlink (as in the worktrees), not its target path.
    preserveSymlinks: true,
    exclude: { path: '^(dist|coverage|data)/' },
    // Type-only imports couple layers as much as value imports do, so count them.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
