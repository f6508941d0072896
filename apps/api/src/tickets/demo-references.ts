import type { ReferenceData } from '@itil/tickets';

/**
 * Reference data the API runs with until the reference-data module binds REFERENCE_RESOLVER to
 * its event-sourced records: the groups, members and services the README walk-through uses.
 */
export const DEMO_REFERENCES: ReferenceData = {
  groups: [
    { id: 'service-desk', name: 'Service desk', members: ['ana', 'agent:ana', 'bob-agent'], active: true },
    { id: 'network', name: 'Network', members: ['raj', 'ana', 'agent:ana'], active: true },
    { id: 'email', name: 'Email and collaboration', members: ['mei'], active: true },
  ],
  services: [
    { id: 'vpn', name: 'VPN', stage: 'live', owner: 'user:olga', supportGroup: 'network', slaPolicy: null },
    { id: 'email', name: 'Email', stage: 'live', owner: 'user:olga', supportGroup: 'email', slaPolicy: null },
    { id: 'fax', name: 'Fax gateway', stage: 'retired', owner: null, supportGroup: null, slaPolicy: null },
  ],
  cis: [{ id: 'edge-router-leeds', name: 'Leeds edge router', type: 'router', service: 'vpn', status: 'live' }],
};
