import { deciderSpec } from '@itil/engine/testing/decider-spec';
import { ReferenceChangeNotAllowedError, ReferenceInputInvalidError } from '../reference-data.errors';
import { cmd } from '../test-support/reference-fixtures';
import { catalogItemDecider, type CatalogItemEvent } from './catalog-item.decider';

const { given } = deciderSpec(catalogItemDecider);
const form = [{ name: 'model', label: 'Model', type: { kind: 'enum', values: ['13-inch', '15-inch'] }, required: true }];
const defined: CatalogItemEvent = {
  type: 'CatalogItemDefined',
  data: { catalogItemId: 'laptop', service: 'workplace', name: 'New laptop', description: '', offering: null, form, approval: { kind: 'service-owner' }, fulfilmentGroup: null, tasks: ['order', 'image', 'deliver'] },
};

describe('Catalog request item', () => {
  it('is defined with its form, approver rule and fulfilment tasks', () =>
    given([])
      .when(cmd('DefineCatalogItem', { id: 'laptop', service: 'workplace', name: 'New laptop', form, approval: { kind: 'service-owner' }, tasks: ['order', 'image', 'deliver'] } as never))
      .then([defined]));

  it('refuses a form that is not well typed, with the path inside the form', () =>
    given([])
      .when(cmd('DefineCatalogItem', { id: 'laptop', service: 'workplace', name: 'L', form: [{ name: 'model', label: 'M', type: { kind: 'enum', values: [] } }] } as never))
      .thenThrows(ReferenceInputInvalidError, (e) => expect(e.message).toContain('$.form[0].type.values')));

  it('refuses an approver rule of an unknown kind', () =>
    given([]).when(cmd('DefineCatalogItem', { id: 'laptop', service: 'workplace', name: 'L', approval: { kind: 'anyone' } } as never)).thenThrows(ReferenceInputInvalidError));

  it('counts form revisions, so a request can say which form it was checked against', () =>
    given([defined])
      .when(cmd('UpdateCatalogItem', { id: 'laptop', form: [...form, { name: 'colour', label: 'Colour', type: { kind: 'text', maxLength: 20 } }] } as never))
      .thenState((s) => expect(s).toMatchObject({ formVersion: 2, form: [{ name: 'model' }, { name: 'colour' }] })));

  it('is retired once and then takes no updates', () => {
    const retired: CatalogItemEvent = { type: 'CatalogItemRetired', data: { catalogItemId: 'laptop', reason: null } };
    given([defined]).when(cmd('RetireCatalogItem', { id: 'laptop' })).then([retired]);
    given([defined, retired]).when(cmd('UpdateCatalogItem', { id: 'laptop', name: 'x' })).thenThrows(ReferenceChangeNotAllowedError);
  });
});
