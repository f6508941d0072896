export class IncidentNotFoundError extends Error {
  readonly code = 'INCIDENT.NOT_FOUND';
  constructor(readonly incidentId: string) {
    super(`Incident ${incidentId} not found`);
    this.name = 'IncidentNotFoundError';
  }
}

export class IncidentAlreadyLoggedError extends Error {
  readonly code = 'INCIDENT.ALREADY_LOGGED';
  constructor(readonly incidentId: string) {
    super(`Incident ${incidentId} is already logged`);
    this.name = 'IncidentAlreadyLoggedError';
  }
}
