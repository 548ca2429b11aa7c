// The public entry of password reset: what the app uses of it.
export { PasswordResetEntity } from './password-reset.entity.js';
export { PasswordResetModule } from './password-reset.module.js';
