// The public entry of memberships (joining an organization by consent): what the app uses of it.
export { MembershipInvitationEntity } from './membership-invitation.entity.js';
export { MembershipsModule } from './memberships.module.js';
export { MembershipsService } from './memberships.service.js';
