import { Module } from '@nestjs/common';
import { CollaborationsModule } from '../collaborations/index.js';
import { ReviewsController } from './reviews.controller.js';
import { ReviewsService } from './reviews.service.js';

@Module({ imports: [CollaborationsModule], controllers: [ReviewsController], providers: [ReviewsService] })
export class ReviewsModule {}
