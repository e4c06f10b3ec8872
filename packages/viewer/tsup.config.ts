import { sharedConfig } from '../../tsup.shared';

export default sharedConfig({ index: 'src/index.ts', cli: 'src/cli.ts' });
