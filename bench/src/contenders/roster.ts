import { createAitracingContender } from './aitracing';
import type { MaybeContender } from './contender';
import { createMastra0Contender } from './mastra-0';
import { createMastra1Contender } from './mastra-1';
import { createNodeFloorContender } from './node-floor';
import { createOtelContender } from './otel-sdk';

/** Names of every contender, as shown in the table and the JSON file. */
export const NAMES = {
  oursFilterOn: 'aitracing, filter on',
  oursFilterOff: 'aitracing, filter off',
  oursSampledOut: 'aitracing, sampled out',
  otelSimple: 'OpenTelemetry SDK 2.12, Simple processor',
  otelBatch: 'OpenTelemetry SDK 2.12, Batch processor',
  otelAlwaysOff: 'OpenTelemetry SDK 2.12, AlwaysOff sampler',
  mastra1: 'Mastra 1.x (observability 1.17.9), filter on',
  mastra1SampledOut: 'Mastra 1.x, sampled out',
  mastra0: 'Mastra 0.x (core 0.24.9), filter on',
  mastra0SampledOut: 'Mastra 0.x, sampled out',
  floor: 'Node floor (hand-written span)',
  floorSampledOut: 'Node floor, sampled out',
} as const;

/** Every contender of the run, created once and shared by the scenarios. */
export type Roster = ReadonlyMap<string, MaybeContender>;

/** Creates every contender; those that cannot load are kept as unavailable. */
export async function loadRoster(): Promise<Roster> {
  const contenders: MaybeContender[] = [
    createAitracingContender({ name: NAMES.oursFilterOn, sensitiveDataFilter: true, sampled: true }),
    createAitracingContender({ name: NAMES.oursFilterOff, sensitiveDataFilter: false, sampled: true }),
    createAitracingContender({ name: NAMES.oursSampledOut, sensitiveDataFilter: true, sampled: false }),
    createOtelContender(NAMES.otelSimple, 'simple'),
    createOtelContender(NAMES.otelBatch, 'batch'),
    createOtelContender(NAMES.otelAlwaysOff, 'always-off'),
    await createMastra1Contender({ name: NAMES.mastra1, sensitiveDataFilter: true, sampled: true }),
    await createMastra1Contender({
      name: NAMES.mastra1SampledOut,
      sensitiveDataFilter: true,
      sampled: false,
    }),
    await createMastra0Contender({ name: NAMES.mastra0, sensitiveDataFilter: true, sampled: true }),
    await createMastra0Contender({
      name: NAMES.mastra0SampledOut,
      sensitiveDataFilter: true,
      sampled: false,
    }),
    createNodeFloorContender(NAMES.floor, true),
    createNodeFloorContender(NAMES.floorSampledOut, false),
  ];
  return new Map(contenders.map((contender) => [contender.name, contender]));
}

/** The named contenders, in the order given. */
export function pick(roster: Roster, names: readonly string[]): MaybeContender[] {
  return names.map((name) => {
    const contender = roster.get(name);
    if (contender === undefined) throw new Error(`unknown contender "${name}"`);
    return contender;
  });
}
