// The attribute conversion is the kit's, shared with the OTel bridge; the mapping files import it from here.
export { toAttributeValue, toJsonText as toJson } from '@aitracing/core/exporter-kit';

/** A finite number, or undefined. */
export function toNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A non-empty string, or undefined. */
export function toText(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
