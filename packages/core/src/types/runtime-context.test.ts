import { describe, expect, it } from 'vitest';
import { RuntimeContext } from './runtime-context';

describe('RuntimeContext', () => {
  it('works like a typed Map and serialises to a plain object', () => {
    const context = new RuntimeContext<{ environment: string; userId: number }>([
      ['environment', 'production'],
    ]);
    context.set('userId', 7);
    expect(context.get('environment')).toBe('production');
    expect(context.has('userId')).toBe(true);
    expect(context.size).toBe(2);
    expect([...context.keys()]).toEqual(['environment', 'userId']);
    expect([...context]).toEqual([
      ['environment', 'production'],
      ['userId', 7],
    ]);
    expect(JSON.stringify(context)).toBe('{"environment":"production","userId":7}');
    expect(context.delete('userId')).toBe(true);
    context.clear();
    expect(context.size).toBe(0);
  });
});
