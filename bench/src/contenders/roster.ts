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
  oursKeyRulesOnly: 'aitracing, filter on, key rules only',
  oursExporterReadsPayload: 'aitracing, filter on, exporter reads input/output as JSON',
  oursSampledOut: 'aitracing, sampled out',
  otelSimple: 'OpenTelemetry SDK 2.12, Simple processor',
  otelBatch: 'OpenTelemetry SDK 2.12, Batch processor',
  otelExporterReadsPayload: 'OpenTelemetry SDK 2.12, Simple, exporter reads the JSON attributes',
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

type Factory = () => MaybeContender | Promise<MaybeContender>;

const FACTORIES: Readonly<Record<string, Factory>> = {
  [NAMES.oursFilterOn]: () =>
    createAitracingContender({ name: NAMES.oursFilterOn, sensitiveDataFilter: true, sampled: true }),
  [NAMES.oursFilterOff]: () =>
    createAitracingContender({ name: NAMES.oursFilterOff, sensitiveDataFilter: false, sampled: true }),
  [NAMES.oursKeyRulesOnly]: () =>
    createAitracingContender({
      name: NAMES.oursKeyRulesOnly,
      sensitiveDataFilter: true,
      keyRulesOnly: true,
      sampled: true,
    }),
  [NAMES.oursExporterReadsPayload]: () =>
    createAitracingContender({
      name: NAMES.oursExporterReadsPayload,
      sensitiveDataFilter: true,
      sampled: true,
      exporterReadsPayload: true,
    }),
  [NAMES.oursSampledOut]: () =>
    createAitracingContender({ name: NAMES.oursSampledOut, sensitiveDataFilter: true, sampled: false }),
  [NAMES.otelSimple]: () => createOtelContender(NAMES.otelSimple, 'simple'),
  [NAMES.otelBatch]: () => createOtelContender(NAMES.otelBatch, 'batch'),
  [NAMES.otelExporterReadsPayload]: () =>
    createOtelContender(NAMES.otelExporterReadsPayload, 'simple', { exporterReadsPayload: true }),
  [NAMES.otelAlwaysOff]: () => createOtelContender(NAMES.otelAlwaysOff, 'always-off'),
  [NAMES.mastra1]: () =>
    createMastra1Contender({ name: NAMES.mastra1, sensitiveDataFilter: true, sampled: true }),
  [NAMES.mastra1SampledOut]: () =>
    createMastra1Contender({ name: NAMES.mastra1SampledOut, sensitiveDataFilter: true, sampled: false }),
  [NAMES.mastra0]: () =>
    createMastra0Contender({ name: NAMES.mastra0, sensitiveDataFilter: true, sampled: true }),
  [NAMES.mastra0SampledOut]: () =>
    createMastra0Contender({ name: NAMES.mastra0SampledOut, sensitiveDataFilter: true, sampled: false }),
  [NAMES.floor]: () => createNodeFloorContender(NAMES.floor, true),
  [NAMES.floorSampledOut]: () => createNodeFloorContender(NAMES.floorSampledOut, false),
};

/**
 * Creates the named contenders (every one when `only` is absent); those
 * that cannot load are kept as unavailable. A process that measures one
 * contender loads only that one, so no other library's code, heap or
 * timers share its process.
 */
export async function loadRoster(only?: readonly string[]): Promise<Roster> {
  const names = only ?? Object.keys(FACTORIES);
  const contenders: MaybeContender[] = [];
  for (const name of names) {
    const factory = FACTORIES[name];
    if (factory === undefined) throw new Error(`unknown contender "${name}"`);
    contenders.push(await factory());
  }
  return new Map(contenders.map((contender) => [contender.name, contender]));
}

/**
 * The named contenders that this process loaded, in the order given (a
 * process that measures one contender loads only that one).
 */
export function pick(roster: Roster, names: readonly string[]): MaybeContender[] {
  const picked: MaybeContender[] = [];
  for (const name of names) {
    if (FACTORIES[name] === undefined) throw new Error(`unknown contender "${name}"`);
    const contender = roster.get(name);
    if (contender !== undefined) picked.push(contender);
  }
  return picked;
}
