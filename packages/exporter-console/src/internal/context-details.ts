import type { ExportedAISpan, ExportedScore } from '@aitracing/core';
import type { Palette } from './colors';
import { escapeControlCharacters, truncate } from './format-values';

const MAX_COMMENT_LENGTH = 120;
const SHORT_ID_LENGTH = 8;

// Exported values are sanitised by core, but a processor may put anything anywhere: read defensively.
function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return escapeControlCharacters(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * `user u-1 · session chat-7 · tags beta, vip · env staging · release abc123`
 * for a span that carries any of them; undefined otherwise.
 */
export function contextLine(span: ExportedAISpan, palette: Palette): string | undefined {
  const parts: string[] = [];
  const user = text(span.userId);
  if (user !== undefined) parts.push(`${palette.dim('user')} ${user}`);
  const session = text(span.sessionId);
  if (session !== undefined) parts.push(`${palette.dim('session')} ${session}`);
  if (Array.isArray(span.tags)) {
    const tags = span.tags.map(text).filter((tag) => tag !== undefined);
    if (tags.length > 0) parts.push(`${palette.dim('tags')} ${tags.join(', ')}`);
  }
  const environment = text(span.environment);
  if (environment !== undefined) parts.push(`${palette.dim('env')} ${environment}`);
  const release = text(span.release);
  if (release !== undefined) parts.push(`${palette.dim('release')} ${release}`);
  return parts.length === 0 ? undefined : parts.join(palette.dim(' · '));
}

/** `prompt support-answer@3` for a generation linked to a managed prompt; undefined otherwise. */
export function promptPart(
  attributes: Readonly<Record<string, unknown>>,
  palette: Palette,
): string | undefined {
  const prompt = attributes.prompt;
  if (typeof prompt !== 'object' || prompt === null) return undefined;
  const { name, version } = prompt as { name?: unknown; version?: unknown };
  const promptName = text(name);
  if (promptName === undefined) return undefined;
  const promptVersion = text(version);
  return `prompt ${palette.blue(promptVersion === undefined ? promptName : `${promptName}@${promptVersion}`)}`;
}

/**
 * One line for a score: `score helpfulness = 0.8 (evaluator) "good answer" · trace 4bf92f35 span 00f067aa`.
 */
export function formatScoreLine(score: ExportedScore, palette: Palette): string {
  const name = text(score.name) ?? '?';
  const value = typeof score.value === 'string' ? escapeControlCharacters(score.value) : String(score.value);
  const parts = [`${palette.bold(palette.magenta('score'))} ${palette.bold(name)} = ${palette.green(value)}`];
  const source = text(score.source);
  if (source !== undefined) parts.push(palette.dim(`(${source})`));
  const comment = text(score.comment);
  if (comment !== undefined) parts.push(`“${truncate(comment, MAX_COMMENT_LENGTH)}”`);
  const ids = [`trace ${String(score.traceId).slice(0, SHORT_ID_LENGTH)}`];
  if (typeof score.spanId === 'string') ids.push(`span ${score.spanId.slice(0, SHORT_ID_LENGTH)}`);
  const user = text(score.userId);
  if (user !== undefined) ids.push(`user ${user}`);
  return `${parts.join(' ')}${palette.dim(` · ${ids.join(' ')}`)}\n\n`;
}

/** One line of JSON for a score: `{"type":"score_added", ...score}`. */
export function formatScoreJson(score: ExportedScore): string | undefined {
  try {
    return `${JSON.stringify({ type: 'score_added', ...score })}\n`;
  } catch {
    return undefined;
  }
}
