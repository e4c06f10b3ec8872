import { sharedConfig } from '../../tsup.shared';

export default sharedConfig({ index: 'src/index.ts', store: 'src/store/index.ts' });
