export * from './incident.messages';
export * from './incident.module';
export * from './incident-queries.handler';
export * from './execute-incident-command.handler';
export * from './dto/incident.dto';
