import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A password reset link: only the sha256 of its token is kept. Single use; it expires an hour after it was asked for. */
@Entity('password_resets')
@Index(['userId', 'createdAt'])
export class PasswordResetEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  userId!: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  tokenHash!: string;

  // The user's token version when the link was asked for: a logout or password change since voids the link.
  @Column({ type: 'integer' })
  tokenVersion!: number;

  @Column()
  expiresAt!: Date;

  // Set when this link or a later one of the same user set a new password.
  @Column({ type: Date, nullable: true })
  usedAt!: Date | null;

  @Column()
  createdAt!: Date;
}
