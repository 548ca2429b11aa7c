import { MembershipEntity } from '../organizations/membership.entity.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import { UserEntity } from '../users/user.entity.js';

// Listed by class, not by glob, so the same list works from ts-jest and from dist/.
export const ENTITIES = [UserEntity, OrganizationEntity, MembershipEntity];
