import type { MigrationInterface, QueryRunner } from 'typeorm';

// Frozen here as released (common/email.ts normalizeEmail): a migration must not change when the helper does.
const normalize = (email: string): string => email.trim().normalize('NFC').toLowerCase().normalize('NFC');

/**
 * Emails are now stored and compared in Unicode NFC (issue 13, item 10): an address stored in another form could no longer
 * log in, so it is rewritten. Where the rewritten form is already another account's (the duplicate this change prevents),
 * the row keeps its spelling: two accounts are not merged by a migration.
 */
export class NfcEmails1795970000000 implements MigrationInterface {
  name = 'NfcEmails1795970000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.driver.options.type === 'postgres';
    const rows = (await queryRunner.query('SELECT id, email FROM users')) as Array<{ id: string; email: string }>;
    const taken = new Set(rows.map((r) => r.email));
    for (const row of rows) {
      const email = normalize(row.email);
      if (email === row.email || taken.has(email)) continue;
      await queryRunner.query(postgres ? 'UPDATE users SET email = $1 WHERE id = $2' : 'UPDATE users SET email = ? WHERE id = ?', [
        email,
        row.id,
      ]);
      taken.add(email);
    }
  }

  async down(): Promise<void> {
    // The earlier spellings are not kept; NFC addresses are valid under the old comparison too.
  }
}
