import { Module } from '@nestjs/common';
import { AgreementsService } from './agreements.service.js';
import { RenderPool } from './render-pool.js';
import { TemplateRegistry } from './template-registry.js';
import { TemplatesController } from './templates.controller.js';
import { VerifyController } from './verify.controller.js';

@Module({
  controllers: [TemplatesController, VerifyController],
  // Built at start-up: a broken template stops the service with its file and line.
  providers: [
    { provide: TemplateRegistry, useFactory: () => new TemplateRegistry() },
    AgreementsService,
    { provide: RenderPool, useFactory: () => new RenderPool() },
  ],
  exports: [TemplateRegistry, AgreementsService],
})
export class AgreementsModule {}
