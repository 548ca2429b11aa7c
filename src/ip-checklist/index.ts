// The public entry of ip-checklist: what other features use of it.
export { IP_STATUSES, IpRecordEntity, type IpStatus } from './ip-record.entity.js';
export { registeredMarksOf } from './ip-record.sql.js';
