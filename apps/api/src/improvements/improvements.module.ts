import { Module } from '@nestjs/common';
import { CLOCK, COMMAND_PIPELINE, ID_GENERATOR, type Clock, type CommandPipeline, type IdGenerator } from '@itil/engine';
import { EVENT_STORE, type EventStore } from '@itil/event-store';
import { ImprovementRegister, type ImprovementDirectory } from '@itil/improvement';
import type { ReferenceIndex } from '@itil/reference-data';
import { ReadModelsModule } from '../read-models/read-models.module';
import { READ_MODELS_SETTINGS, type ReadModelsSettings } from '../read-models/read-models.settings';
import { ReadSideService } from '../read-models/read-side.service';
import { REFERENCE_INDEX } from '../reference-data/reference-data.tokens';
import { ReadSideCsiReports } from './csi-report.adapter';
import { ImprovementsController } from './improvements.controller';
import { IMPROVEMENT_REGISTER } from './improvements.tokens';

/** The register names services and owners by their reference-data ids: known, and still usable. */
const directoryOf = (index: ReferenceIndex): ImprovementDirectory => ({
  service: async (id) => {
    const s = await index.get('service', id, { fresh: true });
    return !s ? `unknown service '${id}'` : s.stage === 'retired' ? `service '${id}' is retired` : undefined;
  },
  user: async (id) => {
    const u = await index.get('user', id, { fresh: true });
    return !u ? `unknown user '${id}'` : !u.active ? `user '${id}' is inactive` : undefined;
  },
});

/** The CSI improvement register over HTTP, measured through the read side's CSI queries. */
@Module({
  imports: [ReadModelsModule],
  controllers: [ImprovementsController],
  providers: [
    {
      provide: IMPROVEMENT_REGISTER,
      inject: [COMMAND_PIPELINE, EVENT_STORE, CLOCK, ID_GENERATOR, ReadSideService, READ_MODELS_SETTINGS, REFERENCE_INDEX],
      useFactory: (pipeline: CommandPipeline, store: EventStore, clock: Clock, ids: IdGenerator, side: ReadSideService, settings: ReadModelsSettings, index: ReferenceIndex) =>
        new ImprovementRegister({ pipeline, store, clock, ids, csi: new ReadSideCsiReports(side, store, settings.maxWaitMs), directory: directoryOf(index) }),
    },
  ],
})
export class ImprovementsHttpModule {}
