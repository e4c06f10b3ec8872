import { prometheusMetricName } from './ai-metric-definitions';
import type { MetricFamily } from './metric-family';

// Label names allow [a-zA-Z0-9_] only: the conventions' dotted attributes get underscores.
function labelName(key: string): string {
  return key.replace(/[^a-zA-Z0-9_]/g, '_');
}

/** Escape a label value as the exposition format requires (backslash, quote, newline). */
function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function formatLabels(labels: Readonly<Record<string, string>>, extra?: readonly [string, string]): string {
  const pairs = Object.entries(labels).map(
    ([key, value]) => `${labelName(key)}="${escapeLabelValue(value)}"`,
  );
  if (extra !== undefined) pairs.push(`${extra[0]}="${escapeLabelValue(extra[1])}"`);
  return pairs.length === 0 ? '' : `{${pairs.join(',')}}`;
}

function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

/** Render metric families in the Prometheus text exposition format (0.0.4). */
export function renderPrometheusText(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const family of families) {
    const name = prometheusMetricName(family.name);
    lines.push(`# HELP ${name} ${family.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`);
    lines.push(`# TYPE ${name} ${family.type}`);
    for (const series of family.series) {
      if (family.type === 'counter') {
        lines.push(`${name}${formatLabels(series.labels)} ${formatNumber(series.value)}`);
        continue;
      }
      for (const bucket of series.buckets ?? []) {
        lines.push(
          `${name}_bucket${formatLabels(series.labels, ['le', formatNumber(bucket.le)])} ${bucket.count}`,
        );
      }
      lines.push(`${name}_bucket${formatLabels(series.labels, ['le', '+Inf'])} ${series.count ?? 0}`);
      lines.push(`${name}_sum${formatLabels(series.labels)} ${formatNumber(series.value)}`);
      lines.push(`${name}_count${formatLabels(series.labels)} ${series.count ?? 0}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
