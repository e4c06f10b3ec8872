// Two result files (two consecutive `pnpm bench` runs) as the Markdown of bench/README.md's
// Results section: per scenario, run A's figures on each Node version side by side; every
// target in both runs; and every ratio's change from run A to run B, flagged beyond ±15 %.
import type { BenchResults } from './write-json';

interface ContenderJson {
  readonly name: string;
  readonly available: boolean;
  readonly median?: number;
  readonly min?: number;
  readonly max?: number;
  readonly reason?: string;
}

interface TargetJson {
  readonly description: string;
  readonly actual: number | null;
  /** Absent for an informational figure (no target). */
  readonly comparison?: '<=' | '>=';
  readonly limit?: number;
  readonly met: boolean | null | undefined;
}

interface ScenarioJson {
  readonly id: string;
  readonly title: string;
  readonly unit: string;
  readonly subject: string;
  readonly contenders: readonly ContenderJson[];
  readonly ratios: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly targets: readonly TargetJson[];
}

/** The run-to-run tolerance of issue 21: every ratio within ±15 % between two runs. */
export const RUN_TO_RUN_TOLERANCE = 0.15;

const scenariosOf = (results: BenchResults, runIndex: number): readonly ScenarioJson[] =>
  (results.runs[runIndex]?.scenarios ?? []) as readonly ScenarioJson[];

const majorOf = (node: string): string => `Node ${node.replace(/^v/, '').split('.')[0]}`;

/** Figures as the console tables print them: 3 significant digits below 100, whole numbers above. */
export function formatNumber(value: number): string {
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toPrecision(3);
}

function cell(contender: ContenderJson | undefined): string {
  if (contender === undefined) return '—';
  if (!contender.available || contender.median === undefined) return 'n/a';
  return `${formatNumber(contender.median)} (${formatNumber(contender.min ?? contender.median)}–${formatNumber(contender.max ?? contender.median)})`;
}

function ratioCell(scenario: ScenarioJson | undefined, name: string): string {
  if (scenario === undefined) return '—';
  if (name === scenario.subject) return '1.000×';
  const ratio = scenario.ratios[scenario.subject]?.[name];
  return ratio === undefined ? '—' : `${ratio.toFixed(3)}×`;
}

function scenarioTables(run: BenchResults): string[] {
  const lines: string[] = [];
  const versions = run.runs.map((entry) => majorOf(entry.node));
  scenariosOf(run, 0).forEach((first, index) => {
    const perNode = run.runs.map((_, runIndex) => scenariosOf(run, runIndex)[index]);
    const names = [...new Set(perNode.flatMap((scenario) => scenario?.contenders.map((c) => c.name) ?? []))];
    lines.push(`#### ${first.id}. ${first.title.replace(/ \(.*\)$/, '')} (${first.unit})`, '');
    lines.push(
      `| contender | ${versions.map((v) => `${v} median (spread over processes)`).join(' | ')} | ${versions.map((v) => `${v} ours ÷ this`).join(' | ')} |`,
      `|---|${versions.map(() => '---|').join('')}${versions.map(() => '---|').join('')}`,
    );
    for (const name of names) {
      const label = name === first.subject ? `${name} (ours)` : name;
      const figures = perNode.map((scenario) => cell(scenario?.contenders.find((c) => c.name === name)));
      const ratios = perNode.map((scenario) => ratioCell(scenario, name));
      lines.push(`| ${label} | ${figures.join(' | ')} | ${ratios.join(' | ')} |`);
    }
    lines.push('');
  });
  return lines;
}

function targetValue(target: TargetJson | undefined): string {
  if (target === undefined) return '—';
  if (target.actual === null) return 'n/a';
  const value = Math.abs(target.actual) >= 1000 ? formatNumber(target.actual) : target.actual.toFixed(2);
  if (target.limit === undefined) return value;
  return target.met === false ? `${value} **MISSED**` : `${value} met`;
}

function targetsTable(a: BenchResults, b: BenchResults): string[] {
  const columns = [a, b].flatMap((run, runLabel) =>
    run.runs.map((entry, runIndex) => ({
      header: `${majorOf(entry.node)} run ${runLabel === 0 ? 'A' : 'B'}`,
      scenarios: scenariosOf(run, runIndex),
    })),
  );
  const lines = [
    `| # | target | ${columns.map((column) => column.header).join(' | ')} |`,
    `|---|---|${columns.map(() => '---|').join('')}`,
  ];
  for (const scenario of scenariosOf(a, 0)) {
    for (const target of scenario.targets) {
      const values = columns.map((column) =>
        targetValue(
          column.scenarios
            .find((other) => other.id === scenario.id)
            ?.targets.find((other) => other.description === target.description),
        ),
      );
      const limit =
        target.limit === undefined ? 'no target' : `${target.comparison} ${formatNumber(target.limit)}`;
      lines.push(`| ${scenario.id} | ${target.description} (${limit}) | ${values.join(' | ')} |`);
    }
  }
  return lines;
}

/** Every ratio `ours ÷ anchor` present in both runs, with its relative change. */
export function runToRunChanges(
  a: BenchResults,
  b: BenchResults,
): { node: string; id: string; ratio: string; a: number; b: number; change: number }[] {
  const changes: { node: string; id: string; ratio: string; a: number; b: number; change: number }[] = [];
  a.runs.forEach((entry, runIndex) => {
    const other = b.runs.findIndex((candidate) => majorOf(candidate.node) === majorOf(entry.node));
    if (other < 0) return;
    for (const scenario of scenariosOf(a, runIndex)) {
      const twin = scenariosOf(b, other).find((candidate) => candidate.id === scenario.id);
      if (twin === undefined) continue;
      for (const [ours, row] of Object.entries(scenario.ratios)) {
        for (const [anchor, value] of Object.entries(row)) {
          const again = twin.ratios[ours]?.[anchor];
          if (again === undefined || !(value > 0)) continue;
          changes.push({
            node: majorOf(entry.node),
            id: scenario.id,
            ratio: `${ours} ÷ ${anchor}`,
            a: value,
            b: again,
            change: again / value - 1,
          });
        }
      }
    }
  });
  return changes;
}

/** The Markdown of two runs: A's tables, both runs' targets, and the run-to-run changes. */
export function markdownReport(a: BenchResults, b: BenchResults): string {
  const changes = runToRunChanges(a, b);
  const outside = changes.filter((change) => Math.abs(change.change) > RUN_TO_RUN_TOLERANCE);
  const lines = [
    ...scenarioTables(a),
    '#### Targets',
    '',
    ...targetsTable(a, b),
    '',
    `#### Run to run (every ratio ours ÷ anchor measured in both runs; B ÷ A − 1; beyond ±${RUN_TO_RUN_TOLERANCE * 100} % in bold)`,
    '',
    `${changes.length - outside.length} of ${changes.length} ratios within ±${RUN_TO_RUN_TOLERANCE * 100} %.`,
    '',
    '| Node | # | ratio | run A | run B | change |',
    '|---|---|---|---|---|---|',
    ...changes.map((change) => {
      const percent = `${change.change >= 0 ? '+' : ''}${Math.round(change.change * 100)} %`;
      const shown = Math.abs(change.change) > RUN_TO_RUN_TOLERANCE ? `**${percent}**` : percent;
      return `| ${change.node} | ${change.id} | ${change.ratio} | ${change.a.toFixed(3)} | ${change.b.toFixed(3)} | ${shown} |`;
    }),
    '',
  ];
  return lines.join('\n');
}
