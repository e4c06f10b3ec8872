import { sharedConfig } from '../../tsup.shared';

export default sharedConfig(
  {
    index: 'src/index.ts',
    testing: 'src/testing/index.ts',
    instrumentation: 'src/instrumentation/index.ts',
    'exporter-kit': 'src/exporter-kit/index.ts',
  },
  // `@internal` members (the engine's span callbacks) stay out of the published types.
  { dts: { compilerOptions: { stripInternal: true } } },
);
