import { Module } from '@nestjs/common';
import { AgreementsService } from './agreements.service.js';
import { TemplateRegistry } from './template-registry.js';
import { TemplatesController } from './templates.controller.js';

@Module({
  controllers: [TemplatesController],
  // Built at start-up: a broken template stops the service with its file and line.
  providers: [{ provide: TemplateRegistry, useFactory: () => new TemplateRegistry() }, AgreementsService],
  exports: [TemplateRegistry, AgreementsService],
})
export class AgreementsModule {}
