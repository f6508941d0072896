import { Module } from '@nestjs/common';
import { KnownErrorsController } from './known-errors.controller';

/** The known error database over HTTP. */
@Module({ controllers: [KnownErrorsController] })
export class KnownErrorsHttpModule {}
