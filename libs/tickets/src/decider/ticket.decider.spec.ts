import { deciderSpec } from '@itil/engine/testing/decider-spec';
import { TransitionNotAllowedError } from '@itil/workflow';
import { emptySnapshot } from '../references/reference-resolver.port';
import { ID, NOW, OTHER, comment, link, logWork, move, open, taskCatalog, taskProcess, update } from '../test-support/task-process';
import type { TicketEvent } from '../ticket.events';
import {
  ReferencesNeeded,
  TicketAlreadyOpenedError,
  TicketFrozenError,
  TicketInputInvalidError,
  TicketInputNotAllowedError,
  TicketNotFoundError,
  UnknownLinkError,
  type InputError,
} from '../tickets.errors';
import { createTicketDecider } from './ticket.decider';

const decider = createTicketDecider(taskProcess, taskCatalog());
const { given } = deciderSpec(decider);
const at = NOW.toISOString();

const opened: TicketEvent = { type: 'TaskOpened', data: { ticketId: ID, process: 'task', lifecycle: { id: 'task', version: 1 }, state: 'open', fields: { title: 'Patch the VPN' }, openedAt: at } };
const assigned: TicketEvent = {
  type: 'TaskAssigned',
  data: { ticketId: ID, from: 'open', to: 'doing', via: 'ASSIGN', fields: { assignmentGroup: 'network', assignee: 'raj' }, previous: { assignmentGroup: null, assignee: null }, note: null },
};
const finished: TicketEvent = {
  type: 'TaskFinished',
  data: { ticketId: ID, from: 'doing', to: 'done', via: 'FINISH', fields: { resolution: 'patched', outcome: 'done' }, previous: { resolution: null, outcome: null }, note: null },
};
const errors = (e: { errors: InputError[] }) => e.errors.map((x) => [x.path, x.code]);

describe('Ticket engine: opening', () => {
  it('opens on the latest lifecycle version in its initial state, with the fields given', () =>
    given([]).when(open({ title: 'Patch the VPN' })).then([opened]));

  it('refuses a wrong type, an unknown field and a missing required one, each at its JSON path (400)', () =>
    given([])
      .when(open({ effort: 'lots', colour: 'red', due: 'tomorrow' }))
      .thenThrows(TicketInputInvalidError, (e) =>
        expect(errors(e)).toEqual([
          ['$.effort', 'WRONG_TYPE'],
          ['$.colour', 'UNKNOWN_FIELD'],
          ['$.due', 'WRONG_TYPE'],
          ['$.title', 'REQUIRED'],
        ]),
      ));

  it('refuses required text that is only spaces, text with control characters, text too long and numbers out of bounds', () => {
    given([]).when(open({ title: '   ' })).thenThrows(TicketInputInvalidError, (e) => expect(errors(e)).toEqual([['$.title', 'BLANK']]));
    given([]).when(open({ title: 'a\u0007b' })).thenThrows(TicketInputInvalidError, (e) => expect(errors(e)).toEqual([['$.title', 'CONTROL_CHARACTERS']]));
    given([]).when(open({ title: 'x'.repeat(51) })).thenThrows(TicketInputInvalidError, (e) => expect(errors(e)).toEqual([['$.title', 'TOO_LONG']]));
    given([]).when(open({ title: 't', effort: 11 })).thenThrows(TicketInputInvalidError, (e) => expect(errors(e)).toEqual([['$.effort', 'OUT_OF_RANGE']]));
    given([]).when(open({ title: 't', effort: 2.5 })).thenThrows(TicketInputInvalidError, (e) => expect(errors(e)).toEqual([['$.effort', 'WRONG_TYPE']]));
  });

  it('keeps newlines and tabs in multi-line text', () =>
    given([]).when(open({ title: 't', notes: 'line 1\n\tline 2' })).thenState((s) => expect(s.fields.notes).toBe('line 1\n\tline 2')));

  it('refuses a field the opening command may not set (422)', () =>
    given([]).when(open({ title: 't', resolution: 'x' })).thenThrows(TicketInputNotAllowedError, (e) => expect(errors(e)).toEqual([['$.resolution', 'NOT_SETTABLE']])));

  it('refuses a reference to a service that does not exist (422)', () =>
    given([]).when(open({ title: 't', service: 'nope' })).thenThrows(TicketInputNotAllowedError, (e) => expect(errors(e)).toEqual([['$.service', 'UNKNOWN_REFERENCE']])));

  it('asks for the references it was not given instead of guessing', () =>
    given([])
      .when({ ...open({ title: 't', service: 'mail' }), references: emptySnapshot() })
      .thenThrows(ReferencesNeeded, (e) => expect(e.queries).toEqual([{ kind: 'service', id: 'mail' }])));

  it('refuses to open the same ticket twice', () => given([opened]).when(open({ title: 't' })).thenThrows(TicketAlreadyOpenedError));
  it('refuses any other command on a ticket that was never opened', () => given([]).when(move('ASSIGN', {})).thenThrows(TicketNotFoundError));
});

describe('Ticket engine: moving', () => {
  it('records the fact the transition names, with from, to, via, the fields it set and their previous values', () =>
    given([opened]).when(move('ASSIGN', { assignmentGroup: 'network', assignee: 'raj' })).then([assigned]));

  it('refuses an assignee outside the group (422, at the assignee)', () =>
    given([opened])
      .when(move('ASSIGN', { assignmentGroup: 'desk', assignee: 'raj' }))
      .thenThrows(TicketInputNotAllowedError, (e) => expect(errors(e)).toEqual([['$.assignee', 'NOT_A_MEMBER']])));

  it('refuses a group that does not exist, and one that is inactive', () => {
    given([opened]).when(move('ASSIGN', { assignmentGroup: 'nope', assignee: 'raj' })).thenThrows(TicketInputNotAllowedError, (e) => expect(errors(e)).toEqual([['$.assignmentGroup', 'UNKNOWN_REFERENCE']]));
    given([opened]).when(move('ASSIGN', { assignmentGroup: 'old', assignee: 'raj' })).thenThrows(TicketInputNotAllowedError, (e) => expect(errors(e)).toEqual([['$.assignmentGroup', 'INACTIVE_REFERENCE']]));
  });

  it('checks membership against the group the ticket already has when only the assignee changes', () =>
    given([opened, assigned]).when(update({ owner: 'bob' })).thenThrows(TicketInputNotAllowedError, (e) => expect(errors(e)).toEqual([['$.owner', 'NOT_A_MEMBER']])));

  it('refuses a field this event may not set', () =>
    given([opened, assigned]).when(move('ASSIGN', { resolution: 'x' })).thenThrows(TicketInputNotAllowedError, (e) => expect(errors(e)).toEqual([['$.resolution', 'NOT_SETTABLE']])));

  it('refuses an event the state does not have, naming those it has (422)', () =>
    given([opened]).when(move('FINISH', { resolution: 'x' })).thenThrows(TransitionNotAllowedError, (e) => expect(e.allowedEvents).toEqual(['ASSIGN', 'CANCEL'])));

  it('refuses a move that would leave a field the transition requires unset', () =>
    given([opened]).when(move('ASSIGN', { assignmentGroup: 'network' })).thenThrows(TransitionNotAllowedError, (e) => expect(e.missingFields).toEqual(['assignee'])));

  it('writes the value a transition pins, and refuses another one', () => {
    given([opened, assigned]).when(move('FINISH', { resolution: 'patched' })).then([finished]);
    given([opened, assigned])
      .when(move('ABANDON', { outcome: 'done' }))
      .thenThrows(TicketInputNotAllowedError, (e) => expect(errors(e)).toEqual([['$.outcome', 'PINNED']]));
  });

  it('carries an optional note, checked like any text', () => {
    given([opened, assigned]).when(move('ABANDON', { note: 'no longer needed' })).thenState((s) => expect([s.state, s.fields.outcome]).toEqual(['done', 'abandoned']));
    given([opened, assigned]).when(move('ABANDON', { note: 7 })).thenThrows(TicketInputInvalidError, (e) => expect(errors(e)).toEqual([['$.note', 'WRONG_TYPE']]));
  });
});

describe('Ticket engine: updating fields', () => {
  it('records the new values and the previous ones', () =>
    given([opened]).when(update({ title: 'Patch both VPN gateways', effort: 3 })).then([
      { type: 'TaskFieldsUpdated', data: { ticketId: ID, fields: { title: 'Patch both VPN gateways', effort: 3 }, previous: { title: 'Patch the VPN', effort: null } } },
    ]));

  it('refuses a field only some states may update', () =>
    given([opened, assigned, finished]).when(update({ effort: 3 })).thenThrows(TicketInputNotAllowedError, (e) => expect(errors(e)).toEqual([['$.effort', 'NOT_SETTABLE']])));

  it('checks every item of a list of references', () =>
    given([opened]).when(update({ related: [OTHER, 'nope'] })).thenThrows(TicketInputNotAllowedError, (e) => expect(errors(e)).toEqual([['$.related[1]', 'UNKNOWN_REFERENCE']])));

  it('refuses an empty update and one that would clear what the state requires', () => {
    given([opened]).when(update({})).thenThrows(TicketInputInvalidError, (e) => expect(errors(e)).toEqual([['$', 'REQUIRED']]));
    given([opened, assigned]).when(update({ owner: null })).thenThrows(TicketInputInvalidError, (e) => expect(errors(e)).toEqual([['$.owner', 'BLANK']]));
  });

  it('refuses anything on a ticket in a final state', () =>
    given([opened, { type: 'TaskCancelled', data: { ticketId: ID, from: 'open', to: 'cancelled', via: 'CANCEL', fields: {}, previous: {}, note: null } }])
      .when(update({ title: 'x' }))
      .thenThrows(TicketFrozenError));
});

describe('Ticket engine: comments, work log and links', () => {
  it('comments internally by default, or publicly, with sequence ids', () => {
    given([opened]).when(comment({ text: 'Called the user' })).then([{ type: 'TaskCommented', data: { ticketId: ID, commentId: 'comment-1', text: 'Called the user', visibility: 'internal' } }]);
    given([opened, { type: 'TaskCommented', data: { ticketId: ID, commentId: 'comment-1', text: 'a', visibility: 'internal' } }])
      .when(comment({ text: 'Fixed soon', visibility: 'public' }))
      .thenState((s) => expect(s.comments).toEqual([{ commentId: 'comment-1', visibility: 'internal' }, { commentId: 'comment-2', visibility: 'public' }]));
  });

  it('refuses a blank comment, an unknown visibility and unknown properties', () =>
    given([opened])
      .when(comment({ text: ' ', visibility: 'secret', pinned: true }))
      .thenThrows(TicketInputInvalidError, (e) => expect(errors(e)).toEqual([['$.pinned', 'UNKNOWN_FIELD'], ['$.text', 'BLANK'], ['$.visibility', 'NOT_IN_ENUM']])));

  it('logs work in minutes, by the actor, and adds it up', () =>
    given([opened, { type: 'TaskWorkLogged', data: { ticketId: ID, entryId: 'work-1', minutes: 30, note: '', workedBy: 'user:raj' } }])
      .when(logWork({ minutes: 45, note: 'Replaced the router' }))
      .then([{ type: 'TaskWorkLogged', data: { ticketId: ID, entryId: 'work-2', minutes: 45, note: 'Replaced the router', workedBy: 'user:ana' } }]));

  it('refuses zero, fractional or day-long work entries', () => {
    for (const minutes of [0, 1.5, 24 * 60 + 1, '30']) given([opened]).when(logWork({ minutes })).thenThrows(TicketInputInvalidError);
  });

  it('links to another ticket with a kind, recording its process, and refuses a duplicate, an unknown target and itself', () => {
    const linked: TicketEvent = { type: 'TaskLinked', data: { ticketId: ID, linkId: 'link-1', kind: 'related-to', target: { type: 'ticket', id: OTHER, process: 'task' } } };
    given([opened]).when(link({ kind: 'related-to', target: { type: 'ticket', id: OTHER } })).then([linked]);
    given([opened, linked]).when(link({ kind: 'related-to', target: { type: 'ticket', id: OTHER } })).thenThrows(TicketInputNotAllowedError, (e) => expect(errors(e)).toEqual([['$', 'DUPLICATE_LINK']]));
    given([opened]).when(link({ kind: 'affects', target: { type: 'ci', id: 'nope' } })).thenThrows(TicketInputNotAllowedError, (e) => expect(errors(e)).toEqual([['$.target.id', 'UNKNOWN_REFERENCE']]));
    given([opened]).when(link({ kind: 'related-to', target: { type: 'ticket', id: ID } })).thenThrows(TicketInputNotAllowedError);
    given([opened]).when(link({ kind: 'friends-with', target: { type: 'planet', id: 'x' } })).thenThrows(TicketInputInvalidError, (e) => expect(errors(e)).toEqual([['$.kind', 'NOT_IN_ENUM'], ['$.target.type', 'NOT_IN_ENUM']]));
  });

  it('unlinks a link it has, and refuses one it does not', () => {
    const linked: TicketEvent = { type: 'TaskLinked', data: { ticketId: ID, linkId: 'link-1', kind: 'related-to', target: { type: 'service', id: 'vpn', process: null } } };
    const unlink = { type: 'UnlinkTicket' as const, data: { ticketId: ID, linkId: 'link-1' }, metadata: comment({}).metadata };
    given([opened, linked]).when(unlink).then([{ type: 'TaskUnlinked', data: { ticketId: ID, linkId: 'link-1' } }]);
    given([opened]).when(unlink).thenThrows(UnknownLinkError);
  });
});

describe('Ticket engine: folding', () => {
  it('ignores an event type it does not know, instead of throwing', () =>
    given([opened, { type: 'TaskTeleported', data: { to: 'mars' } }]).when(comment({ text: 'still here' })).thenState((s) => expect(s.state).toBe('open')));
});
