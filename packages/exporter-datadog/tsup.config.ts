import { sharedConfig } from '../../tsup.shared';

// dd-trace is a peer dependency: tsup leaves it external, it is loaded from the user's install.
export default sharedConfig({ index: 'src/index.ts' }, { external: ['dd-trace'] });
