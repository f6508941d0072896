import type { ReferenceDataService } from '@itil/reference-data';
import { cmd as command } from '@itil/reference-data/test-support/reference-fixtures';

const cmd = <T extends string, const D>(type: T, data: D) => command(type, data, 'user:admin');

/** Approvers and what they change: a CAB of four, a change manager, an ECAB member, a service owned by sam with two CIs. */
export async function seedChangeWorld(refs: ReferenceDataService): Promise<void> {
  const groups: Record<string, string[]> = { cab: ['ana', 'ben', 'cat', 'olga'], 'change-managers': ['mo'], ecab: ['eve'] };
  for (const user of ['ana', 'ben', 'cat', 'olga', 'mo', 'eve', 'sam', 'raj']) await refs.execute('user', cmd('RegisterUser', { id: user, displayName: user }));
  for (const [group, members] of Object.entries(groups)) {
    await refs.execute('group', cmd('CreateGroup', { id: group, name: group }));
    for (const userId of members) await refs.execute('group', cmd('AddGroupMember', { id: group, userId }));
  }
  await refs.execute('service', cmd('RegisterService', { id: 'email', name: 'Email', owner: 'sam', supportGroup: 'cab', slaPolicy: 'gold', stage: 'live' }));
  for (const ci of ['mail-01', 'mail-02']) await refs.execute('ci', cmd('RegisterConfigurationItem', { id: ci, name: ci, type: 'server', owningService: 'email' }));
}
