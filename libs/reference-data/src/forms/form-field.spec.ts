import { checkFormValues, formDefinitionIssues, type FormField } from './form-field';

const laptopForm: FormField[] = [
  { name: 'model', label: 'Model', type: { kind: 'enum', values: ['13-inch', '15-inch'] }, required: true },
  { name: 'justification', label: 'Why', type: { kind: 'text', maxLength: 20 } },
  { name: 'memoryGb', label: 'Memory', type: { kind: 'number', min: 8, max: 64, integer: true } },
  { name: 'neededBy', label: 'Needed by', type: { kind: 'instant' } },
  { name: 'manager', label: 'Manager', type: { kind: 'user' } },
  { name: 'devices', label: 'Devices to replace', type: { kind: 'list', of: { kind: 'ref', to: 'ci' }, maxItems: 2 } },
];

describe('Catalog item forms: the definition', () => {
  it('accepts fields typed like the ticket field dictionary', () => expect(formDefinitionIssues(laptopForm)).toEqual([]));

  it('names the path of each mistake: duplicate names, unknown kinds, bad bounds, lists of lists', () =>
    expect(
      formDefinitionIssues([
        { name: 'a', label: 'A', type: { kind: 'text', maxLength: 0 } },
        { name: 'a', label: 'A2', type: { kind: 'colour' } },
        { name: 'n', label: 'N', type: { kind: 'number', min: 5, max: 1 } },
        { name: 'l', label: 'L', type: { kind: 'list', of: { kind: 'list', of: { kind: 'boolean' } } } },
        { name: 'r', label: 'R', type: { kind: 'ref', to: 'printer' }, colour: 'red' },
      ]).map((i) => i.path),
    ).toEqual(['$.form[0].type.maxLength', '$.form[1].name', '$.form[1].type.kind', '$.form[2].type.min', '$.form[3].type.of.kind', '$.form[4].colour', '$.form[4].type.to']));
});

describe('Catalog item forms: the values a requester fills in', () => {
  it('accepts values of the right types and returns the references to check', () =>
    expect(checkFormValues(laptopForm, { model: '13-inch', memoryGb: 16, neededBy: '2026-04-01T09:00:00Z', manager: 'olga', devices: ['laptop-17'] })).toEqual({
      issues: [],
      references: [
        { path: '$.form.manager', kind: 'user', id: 'olga' },
        { path: '$.form.devices[0]', kind: 'ci', id: 'laptop-17' },
      ],
    }));

  it('refuses missing required values, unknown fields and wrong types, each at its path', () =>
    expect(
      checkFormValues(laptopForm, { justification: 'x'.repeat(21), memoryGb: 12.5, neededBy: 'tomorrow', devices: ['a', 'b', 'c'], colour: 'red' }).issues.map((i) => i.path),
    ).toEqual(['$.form.colour', '$.form.model', '$.form.justification', '$.form.memoryGb', '$.form.neededBy', '$.form.devices']));

  it('refuses numbers out of bounds and text with control characters', () => {
    expect(checkFormValues(laptopForm, { model: '13-inch', memoryGb: 128 }).issues).toEqual([{ path: '$.form.memoryGb', message: 'must be between 8 and 64 (got 128)' }]);
    expect(checkFormValues(laptopForm, { model: '13-inch', justification: 'a\u0007b' }).issues).toEqual([{ path: '$.form.justification', message: 'must be one line without control characters' }]);
  });

  it('refuses values that are not an object', () => expect(checkFormValues(laptopForm, ['13-inch']).issues).toEqual([{ path: '$.form', message: 'must be an object of field values' }]));
});
