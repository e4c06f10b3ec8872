import { sharedConfig } from '../../tsup.shared';

// dd-trace is a peer dependency: tsup leaves it external, it is loaded from the user's install.
// `unsupported-runtime` is what Workers, Vercel Edge and browser bundles get (package.json conditions).
export default sharedConfig(
  { index: 'src/index.ts', 'unsupported-runtime': 'src/unsupported-runtime.ts' },
  // No shared chunks: the unsupported-runtime entry must not reach node:crypto through one.
  { external: ['dd-trace'], splitting: false },
);
