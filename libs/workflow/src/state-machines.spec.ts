import { join } from 'node:path';
import { createMachine } from 'xstate';
import { readMachineFiles } from './lifecycle-catalog';

const DIR = join(__dirname, '../../../state-machines');

describe('Every definition in state-machines/', () => {
  const configs = readMachineFiles(DIR);

  it('exists, one per file', () => {
    expect(configs.map((c) => c.id)).toContain('incident');
  });

  it.each(configs.map((c) => [c.id, c] as const))('%s loads in plain xstate with the meta of every state', (_id, config) => {
    const machine = createMachine(config as never);
    expect(machine.id).toBe(config.id);
    for (const [name, state] of Object.entries(config.states)) {
      expect({ name, category: state.meta?.category, sla: state.meta?.sla }).toEqual({ name, category: expect.any(String), sla: expect.any(String) });
    }
  });
});
