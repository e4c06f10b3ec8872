import { name, version } from '../package.json';

/** This package's name, the instrumentation scope of the OTLP metrics. */
export const PACKAGE_NAME: string = name;
/** This package's version, read from package.json at build time. */
export const PACKAGE_VERSION: string = version;
