import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/**
 * A durable reminder: one row per (subject, recipient, due date, offset). Rows are written when a due date appears
 * or moves; the unique key keeps one that was delivered from being written again.
 */
@Entity('reminders')
@Unique(['subject', 'organizationId', 'due', 'offsetDays'])
@Index(['fireAt'])
export class ReminderEntity {
  @PrimaryColumn('uuid')
  id!: string;

  // record:<recordId>:<deadline kind> or checklist:<collaborationId>:<itemId>
  @Column({ type: 'varchar', length: 200 })
  subject!: string;

  // Who is reminded: the record's organization, or the party responsible for the item
  @Column('uuid')
  organizationId!: string;

  // YYYY-MM-DD
  @Column({ type: 'varchar', length: 10 })
  due!: string;

  // Days before the due date; -1 is the reminder the day after, when it is overdue
  @Column({ type: 'integer' })
  offsetDays!: number;

  @Column()
  fireAt!: Date;

  @Column({ type: 'simple-json' })
  title!: { id: string; en: string };

  // Set once, by the one instance whose conditional update wins
  @Column({ type: Date, nullable: true })
  deliveredAt!: Date | null;

  // sent, or skipped when the item was done or the date had moved by then
  @Column({ type: 'varchar', length: 16, nullable: true })
  outcome!: string | null;

  @Column()
  createdAt!: Date;
}
