import { AITracingConfigError } from '../errors/config-error';
import { describeError, type LogOnce } from '../exporter-kit/log-once';
import type { SamplingStrategy } from '../types/sampling';
import type { AISpanType } from '../types/span-type';
import type { StartSpanOptions } from '../types/tracing';

/** Decides, once per trace at the root span, whether the trace is recorded. */
export type Sampler = (options: StartSpanOptions<AISpanType>) => boolean;

const ALWAYS: Sampler = () => true;
const NEVER: Sampler = () => false;

/**
 * Check a sampling strategy and build its sampler. Throws
 * `AITracingConfigError` for an unknown type, a probability outside [0, 1] or
 * a custom strategy without a function. The sampler itself never throws: a
 * throwing custom sampler means "not sampled", logged once.
 */
export function createSampler(strategy: SamplingStrategy | undefined, log: LogOnce): Sampler {
  if (strategy === undefined) return ALWAYS;
  if (typeof strategy !== 'object' || strategy === null) {
    throw new AITracingConfigError('sampling', "must be an object like { type: 'always' }");
  }
  switch (strategy.type) {
    case 'always':
      return ALWAYS;
    case 'never':
      return NEVER;
    case 'ratio': {
      const { probability } = strategy;
      if (
        typeof probability !== 'number' ||
        !Number.isFinite(probability) ||
        probability < 0 ||
        probability > 1
      ) {
        throw new AITracingConfigError(
          'sampling.probability',
          `must be a number between 0 and 1 (inclusive), got ${typeof probability === 'number' ? probability : typeof probability}`,
        );
      }
      if (probability === 1) return ALWAYS;
      if (probability === 0) return NEVER;
      return () => Math.random() < probability;
    }
    case 'custom': {
      const { sampler } = strategy;
      if (typeof sampler !== 'function') {
        throw new AITracingConfigError('sampling.sampler', "must be a function when type is 'custom'");
      }
      return (options) => {
        try {
          const samplerOptions = options.customSamplerOptions ?? {
            runtimeContext: options.runtimeContext,
            metadata: options.metadata,
          };
          return sampler(samplerOptions) === true;
        } catch (error) {
          log.warn('custom-sampler', 'Custom sampler threw; the trace is not sampled:', describeError(error));
          return false;
        }
      };
    }
    default:
      throw new AITracingConfigError(
        'sampling.type',
        `must be one of 'always', 'never', 'ratio', 'custom', got ${JSON.stringify(String((strategy as { type?: unknown }).type))}`,
      );
  }
}
