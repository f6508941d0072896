import { RULE_PUBLISHED } from './automation-rule.events';
import { RuleBook } from './rule-book';

const published = (id: string, version: number, position: bigint, assignmentGroup = 'network') => ({
  type: RULE_PUBLISHED,
  position,
  data: { id, version, rule: { id, kind: 'auto-assign', process: 'incident', order: 10, enabled: true, when: {}, then: { assignmentGroup } } },
});

describe('The rule book: which version of each rule a trigger sees', () => {
  it('a trigger sees the versions recorded before it, not after', () => {
    const book = new RuleBook();
    book.apply(published('r', 1, 10n, 'network'));
    book.apply(published('r', 2, 20n, 'desk'));
    expect(book.at(5n)).toEqual([]);
    expect(book.at(15n).map((r) => r.version)).toEqual([1]);
    expect(book.at(20n).map((r) => r.version)).toEqual([1]); // strictly before: the publication itself is not a trigger
    expect(book.at(21n).map((r) => r.version)).toEqual([2]);
  });

  it('gives the same answer whatever order the versions were learnt in, and learning one twice changes nothing', () => {
    const book = new RuleBook();
    book.apply(published('r', 2, 20n));
    book.apply(published('r', 1, 10n));
    book.apply(published('r', 2, 20n));
    expect(book.at(15n).map((r) => r.version)).toEqual([1]);
    expect(book.at(25n).map((r) => r.version)).toEqual([2]);
  });

  it('answers by kind, and ignores other facts', () => {
    const book = new RuleBook();
    book.apply(published('r', 1, 10n));
    book.apply({ type: 'SomethingElse', position: 11n, data: {} });
    expect(book.at(12n, 'auto-close')).toEqual([]);
    expect(book.at(12n, 'auto-assign')).toHaveLength(1);
  });
});
