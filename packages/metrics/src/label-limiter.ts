/** The value that stands in for every label value past the cap. */
export const OTHER_LABEL_VALUE = 'other';

/**
 * Caps the number of distinct values each label may take: the first
 * `maxValuesPerLabel` values seen are kept, later new ones become `other`,
 * so a flood of model names (or tool ids) cannot blow up memory or a
 * metrics backend.
 */
export class LabelLimiter {
  readonly #seen = new Map<string, Set<string>>();
  readonly #maxValues: number;

  constructor(maxValuesPerLabel: number) {
    this.#maxValues = maxValuesPerLabel;
  }

  /** The value to record for `label`: `value` itself, or `other` past the cap. */
  limit(label: string, value: string): string {
    let values = this.#seen.get(label);
    if (values === undefined) {
      values = new Set();
      this.#seen.set(label, values);
    }
    if (values.has(value)) return value;
    if (values.size >= this.#maxValues) return OTHER_LABEL_VALUE;
    values.add(value);
    return value;
  }
}
