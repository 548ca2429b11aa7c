// The public entry of account (export and erasure of personal data): what the app uses of it.
export { AccountModule } from './account.module.js';
