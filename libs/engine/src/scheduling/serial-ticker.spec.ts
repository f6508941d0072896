import { SerialTicker } from './serial-ticker';

describe('SerialTicker', () => {
  it('runs one tick at a time, in the order asked, and a failing tick does not stop the next', async () => {
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let n = 0;
    const ticker = new SerialTicker(async () => {
      const i = ++n;
      log.push(`start ${i}`);
      if (i === 1) await gate;
      log.push(`end ${i}`);
      if (i === 2) throw new Error('tick 2 failed');
      return i;
    });
    const first = ticker.tick();
    const second = ticker.tick();
    const third = ticker.tick();
    await Promise.resolve();
    expect(log).toEqual(['start 1']);
    release();
    await expect(first).resolves.toBe(1);
    await expect(second).rejects.toThrow('tick 2 failed');
    await expect(third).resolves.toBe(3);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('stopped() waits for the tick in flight', async () => {
    let release!: () => void;
    let done = false;
    const ticker = new SerialTicker(async () => {
      await new Promise<void>((resolve) => (release = resolve));
      done = true;
    });
    void ticker.tick();
    await Promise.resolve();
    const stopped = ticker.stopped().then(() => done);
    release();
    await expect(stopped).resolves.toBe(true);
  });
});
