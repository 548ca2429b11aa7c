import { Module } from '@nestjs/common';
import { CollaborationsModule } from '../collaborations/index.js';
import { InsightsController } from './insights.controller.js';
import { InsightsService } from './insights.service.js';

@Module({ imports: [CollaborationsModule], controllers: [InsightsController], providers: [InsightsService], exports: [InsightsService] })
export class InsightsModule {}
