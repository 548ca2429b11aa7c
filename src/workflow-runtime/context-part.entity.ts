import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One detached field of one element of an append-only context collection (see workflows/…/storage.ts): kept out of
 * the snapshot so that applying an event reads and writes a bounded amount. `path` is `collection.field`, `item` the
 * element's index or record key (`item`).
 */
@Entity('collaboration_context_parts')
export class ContextPartEntity {
  @PrimaryColumn('uuid')
  collaborationId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  path!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  item!: string;

  @Column({ type: 'text' })
  value!: string;
}
