// The public entry of partners: what other features use of it.
export { PartnersModule } from './partners.module.js';
