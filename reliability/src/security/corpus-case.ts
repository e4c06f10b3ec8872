/** Where a case puts its value in span data. */
export type Placement =
  | 'input'
  | 'output'
  | 'metadata'
  | 'attributes'
  | 'toolArgs'
  | 'toolResult'
  | 'errorMessage';

/** Every placement, for values that are strings (they fit an attribute and an error message). */
export const TEXT_PLACEMENTS: readonly Placement[] = [
  'input',
  'output',
  'metadata',
  'attributes',
  'toolArgs',
  'toolResult',
  'errorMessage',
];

/** Placements for structured values (objects, arrays). */
export const STRUCTURED_PLACEMENTS: readonly Placement[] = [
  'input',
  'output',
  'metadata',
  'toolArgs',
  'toolResult',
];

/** One instance of a shape: the value the app puts in its span and what to look for on the wire. */
export interface ShapeInstance {
  readonly value: unknown;
  /**
   * The distinctive part: for a secret, absent from the payload once redacted;
   * for a look-alike, present unchanged. A string never needs JSON escaping
   * (no quote, backslash or newline), so it reads the same in every payload.
   */
  readonly probe: string | RegExp;
}

/** A shape of secret (or look-alike), made fresh for each placement. */
export interface CorpusShape {
  readonly shape: string;
  /** A string value (fits every placement) or a structured one */
  readonly text: boolean;
  make(): ShapeInstance;
}

/** One case of the corpus: a shape at a placement. */
export interface CorpusCase extends ShapeInstance {
  readonly id: string;
  readonly kind: 'secret' | 'look-alike';
  readonly shape: string;
  readonly placement: Placement;
}

/** Each shape at `perShape` placements, rotating so every placement is covered. */
export function placeShapes(
  kind: CorpusCase['kind'],
  shapes: readonly CorpusShape[],
  perShape: number,
): CorpusCase[] {
  const cases: CorpusCase[] = [];
  let turn = 0;
  for (const shape of shapes) {
    const placements = shape.text ? TEXT_PLACEMENTS : STRUCTURED_PLACEMENTS;
    for (let index = 0; index < perShape; index++) {
      const placement = placements[turn++ % placements.length] as Placement;
      const instance = shape.make();
      cases.push({
        id: `${kind === 'secret' ? 'S' : 'L'}${cases.length + 1}`,
        kind,
        shape: shape.shape,
        placement,
        value: instance.value,
        probe: instance.probe,
      });
    }
  }
  return cases;
}

/** Whether `probe` occurs in `text`. */
export function probeFound(text: string, probe: string | RegExp): boolean {
  return typeof probe === 'string' ? text.includes(probe) : probe.test(text);
}
