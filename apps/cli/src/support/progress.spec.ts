import { PassThrough } from 'node:stream';
import { progressLine, startProgress } from './progress';

function captured() {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c.toString()));
  return { stream, text: () => chunks.join('') };
}

describe('progress without a terminal', () => {
  it('prints a plain line at most once per interval, and nothing for a short run', () => {
    const out = captured();
    let now = 0;
    const progress = startProgress({
      label: 'verify',
      total: 5000,
      stream: out.stream,
      intervalMs: 2000,
      now: () => now,
    });
    progress.update(100);
    now = 1999;
    progress.update(900);
    expect(out.text()).toBe('');
    now = 2000;
    progress.update(1200);
    now = 2500;
    progress.update(1300);
    now = 4100;
    progress.update(2600, 6000);
    progress.stop();
    expect(out.text()).toBe('verify: 1200/5000 (24%)\nverify: 2600/6000 (43%)\n');
  });

  it('shows a count when the total is unknown', () => {
    expect(progressLine('digest', 1200, undefined)).toBe('digest: 1200');
    expect(progressLine('digest', 0, 0)).toBe('digest: 0');
  });
});
