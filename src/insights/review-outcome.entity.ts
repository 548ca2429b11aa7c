import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One party's outcomes of one completed collaboration, for GET /api/v1/insights: read from the snapshot once, the first
 * time insights are asked for after the collaboration completed. A completed collaboration never changes, so a row is
 * never stale; rows are a cache of the snapshots, which stay the record.
 */
@Entity('review_outcomes')
@Index(['organizationId'])
export class ReviewOutcomeEntity {
  @PrimaryColumn('uuid')
  collaborationId!: string;

  @PrimaryColumn('uuid')
  organizationId!: string;

  @Column({ type: 'varchar', length: 32 })
  form!: string;

  // The other parties, by organization id (names are read when asked: they may change).
  @Column({ type: 'simple-json' })
  partnerOrganizationIds!: string[];

  // 1 when this party submitted its review, 0 when the review was closed without it.
  @Column({ type: 'integer' })
  submitted!: number;

  @Column({ type: 'double precision', nullable: true })
  followerGrowthPct!: number | null;

  // Whole rupiah; a double holds every integer below 2^53 exactly.
  @Column({ type: 'double precision', nullable: true })
  profit!: number | null;

  @Column({ type: 'integer' })
  targetsMet!: number;

  @Column({ type: 'integer' })
  targetsWithResult!: number;

  // The chosen partner's fit (0–100), for the initiator only: the party that chose.
  @Column({ type: 'double precision', nullable: true })
  fitScore!: number | null;
}
