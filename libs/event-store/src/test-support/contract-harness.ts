/**
 * Runs contract cases in-process, outside Jest's own registry, and reports each one's outcome
 * instead of failing the enclosing test. Used to prove the contract is honest: a deliberately
 * broken adapter must FAIL some of its cases, which a normal Jest run cannot assert.
 * The contract registers blocks with describe/it/beforeAll/afterAll; while `register` runs, those
 * globals are swapped for collectors, then the collected tree is run: hooks, cases (each under a
 * timeout), children.
 */
type Fn = () => unknown;

interface Block {
  name: string;
  beforeAll: Fn[];
  afterAll: Fn[];
  cases: { name: string; fn: Fn }[];
  children: Block[];
}

export interface CaseOutcome {
  name: string;
  passed: boolean;
  error?: string;
}

export interface HarnessOptions {
  /** Only cases whose full name matches run (their blocks' hooks run around them). */
  only?: RegExp;
  timeoutMs?: number;
}

const GLOBALS = ['describe', 'it', 'test', 'beforeAll', 'afterAll', 'beforeEach', 'afterEach'] as const;

function collect(register: () => void): Block {
  const root: Block = { name: '', beforeAll: [], afterAll: [], cases: [], children: [] };
  const stack = [root];
  const top = (): Block => stack[stack.length - 1];
  const g = globalThis as unknown as Record<string, unknown>;
  const saved = GLOBALS.map((name) => g[name]);
  const unsupported = (name: string) => () => {
    throw new Error(`contract harness: ${name} is not supported`);
  };
  g.describe = (name: string, body: () => void) => {
    const block: Block = { name, beforeAll: [], afterAll: [], cases: [], children: [] };
    top().children.push(block);
    stack.push(block);
    try {
      body();
    } finally {
      stack.pop();
    }
  };
  g.it = g.test = (name: string, fn: Fn) => void top().cases.push({ name, fn });
  g.beforeAll = (fn: Fn) => void top().beforeAll.push(fn);
  g.afterAll = (fn: Fn) => void top().afterAll.push(fn);
  g.beforeEach = unsupported('beforeEach');
  g.afterEach = unsupported('afterEach');
  try {
    register();
  } finally {
    GLOBALS.forEach((name, i) => (g[name] = saved[i]));
  }
  return root;
}

async function withTimeout(fn: Fn, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      Promise.resolve().then(fn),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export async function runContractInProcess(register: () => void, options: HarnessOptions = {}): Promise<CaseOutcome[]> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const outcomes: CaseOutcome[] = [];
  const selected = (block: Block, prefix: string): boolean =>
    block.cases.some((c) => !options.only || options.only.test(`${prefix}${c.name}`)) ||
    block.children.some((child) => selected(child, `${prefix}${child.name} `));
  const run = async (block: Block, prefix: string): Promise<void> => {
    if (!selected(block, prefix)) return;
    for (const hook of block.beforeAll) await withTimeout(hook, timeoutMs);
    try {
      for (const c of block.cases) {
        const name = `${prefix}${c.name}`;
        if (options.only && !options.only.test(name)) continue;
        try {
          await withTimeout(c.fn, timeoutMs);
          outcomes.push({ name, passed: true });
        } catch (error) {
          outcomes.push({ name, passed: false, error: error instanceof Error ? error.message.split('\n')[0] : String(error) });
        }
      }
      for (const child of block.children) await run(child, `${prefix}${child.name} `);
    } finally {
      for (const hook of block.afterAll) await withTimeout(hook, timeoutMs);
    }
  };
  await run(collect(register), '');
  return outcomes;
}
