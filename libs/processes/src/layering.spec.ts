import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const LIBS = join(__dirname, '../..');
/** Process libraries, and this library that composes them: only the apps and these may import them. */
const PROCESS_LIBS = ['incident', 'problem', 'change', 'release', 'service-request', 'processes'];
const IMPORT = new RegExp(`from '@itil/(${PROCESS_LIBS.join('|')})(/[^']*)?'|require\\('@itil/(${PROCESS_LIBS.join('|')})`);

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('Layering', () => {
  it('no generic library imports a process library or the composition, specs and test support included', () => {
    const generic = readdirSync(LIBS).filter((lib) => !PROCESS_LIBS.includes(lib) && statSync(join(LIBS, lib, 'src')).isDirectory());
    expect(generic).toEqual(expect.arrayContaining(['engine', 'event-store', 'workflow', 'tickets', 'lifecycles', 'read-models']));
    const upward = generic.flatMap((lib) =>
      tsFiles(join(LIBS, lib, 'src')).flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${relative(LIBS, file)}:${i + 1}` }))
          .filter(({ line }) => IMPORT.test(line))
          .map(({ at, line }) => `${at} ${line.trim()}`),
      ),
    );
    expect(upward).toEqual([]);
  });
});
