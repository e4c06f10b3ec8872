import type { ExportedAISpan } from './exported-span';

/**
 * What one exporter's copy of a span goes through before it is handed to that
 * exporter, on top of the instance-wide `SensitiveDataFilter`:
 *
 * - `'secrets'`: every string of `attributes`, `metadata`, `input`, `output`
 *   and `errorInfo` is passed through the secret detectors (`redactSecrets`).
 * - `'pii'`: the secret detectors plus the personal-data detectors (e-mail,
 *   phone, payment card, IBAN, IP address), masked.
 * - `'content'`: `input`, `output` and any `messages` attribute are removed;
 *   the rest gets `'secrets'`.
 * - a function: called with a copy the exporter alone receives (free to change
 *   and return); a throw fails closed (the span's data is withheld).
 *
 * Applied once per distinct policy per span, however many exporters share it;
 * exporters without a policy receive the engine's snapshot unchanged.
 */
export type RedactionPolicy = 'secrets' | 'pii' | 'content' | ((span: ExportedAISpan) => ExportedAISpan);
