import type { ExportedAISpan } from '@aitracing/core';
import type { OtlpAttributes } from '../otlp-span';
import { toJson, toText } from './attribute-values';

type Fields = Record<string, unknown>;

function text(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : toText(value);
}

/**
 * The context a span carries (scoped with `propagateAttributes` or set on
 * the span): `user.id`, `session.id`, `aitracing.tags` (string array), and
 * the per-span `aitracing.environment` / `aitracing.release` (the resource's
 * `deployment.environment.name` / `service.version` describe the process, not
 * one span). `gen_ai.conversation.id` is set by the caller from the session.
 */
export function contextAttributes(span: ExportedAISpan, metadata: Fields, attributes: OtlpAttributes): void {
  const userId = text(span.userId) ?? text(metadata.userId);
  const sessionId = text(span.sessionId) ?? text(metadata.sessionId);
  if (userId !== undefined) attributes['user.id'] = userId;
  if (sessionId !== undefined) attributes['session.id'] = sessionId;
  if (span.tags !== undefined && span.tags.length > 0) attributes['aitracing.tags'] = [...span.tags];
  const environment = text(span.environment);
  const release = text(span.release);
  if (environment !== undefined) attributes['aitracing.environment'] = environment;
  if (release !== undefined) attributes['aitracing.release'] = release;
}

/**
 * A generation's prompt (`attributes.prompt`): `gen_ai.prompt.name` (the
 * GenAI conventions define only the name), `aitracing.prompt.version` and
 * `aitracing.prompt.id`; with content capture also `aitracing.prompt.template`
 * and `aitracing.prompt.variables` (JSON text unless a plain string).
 */
export function promptAttributes(prompt: unknown, captureContent: boolean, attributes: OtlpAttributes): void {
  if (typeof prompt !== 'object' || prompt === null || Array.isArray(prompt)) return;
  const fields = prompt as Fields;
  const name = text(fields.name);
  if (name !== undefined) attributes['gen_ai.prompt.name'] = name;
  const version = fields.version;
  if (typeof version === 'string' || (typeof version === 'number' && Number.isFinite(version)))
    attributes['aitracing.prompt.version'] = version;
  const id = text(fields.id);
  if (id !== undefined) attributes['aitracing.prompt.id'] = id;
  if (!captureContent) return;
  if (fields.template !== undefined && fields.template !== null)
    attributes['aitracing.prompt.template'] = toJson(fields.template);
  if (fields.variables !== undefined && fields.variables !== null)
    attributes['aitracing.prompt.variables'] = toJson(fields.variables);
}
