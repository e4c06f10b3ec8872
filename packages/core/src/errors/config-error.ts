import { AITracingError } from './aitracing-error';

const CONFIG_ERROR = Symbol.for('aitracing.config_error');

/**
 * Thrown at construction when a configuration is invalid. The message names
 * the field and the allowed values; `field` holds the field's path.
 * Configuration errors are the only errors aitracing ever throws.
 */
export class AITracingConfigError extends AITracingError {
  /** Path of the offending field, e.g. `sampling.probability` */
  readonly field: string;
  /** Cross-install marker; see `isInstance`. */
  readonly [CONFIG_ERROR] = true;

  constructor(field: string, message: string) {
    super(`Invalid aitracing config: ${field} ${message}`);
    this.name = 'AITracingConfigError';
    this.field = field;
  }

  /** True for a config error created by any copy of aitracing. */
  static override isInstance(value: unknown): value is AITracingConfigError {
    return (
      typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[CONFIG_ERROR] === true
    );
  }
}
