import { Inject, Injectable } from '@nestjs/common';
import { CsiQueries, parsePosition, TicketQueries, waitForPosition, type ReadModelDb } from '@itil/read-models';
import { READ_MODEL_DB } from './read-models.tokens';
import { READ_MODELS_SETTINGS, type ReadModelsSettings } from './read-models.settings';

/** The queries the controllers use, and read-your-writes. */
@Injectable()
export class ReadSideService {
  readonly tickets: TicketQueries;
  readonly csi: CsiQueries;

  constructor(
    @Inject(READ_MODEL_DB) readonly rm: ReadModelDb,
    @Inject(READ_MODELS_SETTINGS) private readonly settings: ReadModelsSettings,
  ) {
    this.tickets = new TicketQueries(rm);
    this.csi = new CsiQueries(rm);
  }

  /** With `?after=`, waits until the projection has passed that position (bounded; 503 when it has not). */
  async after(projection: 'tickets' | 'csi', after: string | undefined): Promise<void> {
    if (after === undefined) return;
    await waitForPosition(this.rm, projection, parsePosition(after), this.settings.maxWaitMs);
  }
}
