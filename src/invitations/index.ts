// The public entry of invitations: what other features and the app use of it.
export { InvitationsModule } from './invitations.module.js';
export { InvitationsService } from './invitations.service.js';
