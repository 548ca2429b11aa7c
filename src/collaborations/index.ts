// The public entry of collaborations: what features use of it.
export { CollaborationsModule } from './collaborations.module.js';
export { CollaborationsService } from './collaborations.service.js';
export { CollaborationReader, type CollaborationSummary, type ContextDepth, type Party } from './collaboration-reader.js';
export { CollaborationViews, type ViewExtension, type ViewInput } from './collaboration-views.js';
export { CollaborationEntity } from './collaboration.entity.js';
export { PARTY_ROLES, type PartyRole } from './collaboration-party.entity.js';
