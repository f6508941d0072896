import type { TicketSearchOptions } from '@itil/tickets';

/**
 * The known error database, as a search over problems: a problem is a known error record from
 * the moment its known error is published (a workaround or a root cause recorded), and stays
 * searchable after it is resolved or closed (the record is archived, not deleted).
 */
export const knownErrorSearch: TicketSearchOptions = {
  include: (problem) => typeof problem.fields.knownErrorPublishedAt === 'string',
  textFields: ['title', 'description', 'workaround', 'rootCause', 'resolutionNotes'],
};

/** Fields a known error search may filter on. */
export const KNOWN_ERROR_FILTERS = ['service', 'configurationItem'] as const;
