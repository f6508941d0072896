import { Module } from '@nestjs/common';
import { CHANGE_DATA } from '../policies/change-processes';
import { catalogFreezeWindows } from './change-freeze-windows';
import { ChangeCalendarController } from './change-calendar.controller';
import { ReadModelsModule } from './read-models.module';
import { FREEZE_WINDOWS } from './read-models.tokens';

/**
 * `GET /changes/calendar`. A module of its own, imported before the generated ticket routes:
 * otherwise `GET /changes/:id` (a UUID) would take `calendar` first and answer 400.
 */
@Module({
  imports: [ReadModelsModule],
  controllers: [ChangeCalendarController],
  providers: [{ provide: FREEZE_WINDOWS, useFactory: () => catalogFreezeWindows(CHANGE_DATA) }],
})
export class ChangeCalendarModule {}
