import type { ReferenceDataService } from '../application/reference-data.service';
import { cmd } from './reference-fixtures';

/** A small world: two users, a group, a live service with a CI, and a laptop catalog item. */
export async function seedWorld(refs: ReferenceDataService, actor = 'user:admin'): Promise<void> {
  await refs.execute('user', cmd('RegisterUser', { id: 'ana', displayName: 'Ana' }, actor));
  await refs.execute('user', cmd('RegisterUser', { id: 'olga', displayName: 'Olga' }, actor));
  await refs.execute('group', cmd('CreateGroup', { id: 'workplace', name: 'Workplace team' }, actor));
  await refs.execute('group', cmd('AddGroupMember', { id: 'workplace', userId: 'ana' }, actor));
  await refs.execute('service', cmd('RegisterService', { id: 'workplace', name: 'Workplace', owner: 'olga', supportGroup: 'workplace', slaPolicy: 'silver', stage: 'live' }, actor));
  await refs.execute('ci', cmd('RegisterConfigurationItem', { id: 'laptop-17', name: 'Laptop 17', type: 'laptop', owningService: 'workplace' }, actor));
  await refs.execute(
    'catalog-item',
    cmd(
      'DefineCatalogItem',
      {
        id: 'laptop',
        name: 'New laptop',
        service: 'workplace',
        approval: { kind: 'service-owner' },
        tasks: ['order', 'deliver'],
        form: [
          { name: 'model', label: 'Model', type: { kind: 'enum', values: ['13-inch', '15-inch'] }, required: true },
          { name: 'replaces', label: 'Replaces', type: { kind: 'ref', to: 'ci' } },
        ],
      } as never,
      actor,
    ),
  );
}
