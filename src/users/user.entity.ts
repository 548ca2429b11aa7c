import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('users')
export class UserEntity {
  @PrimaryColumn('uuid')
  id!: string;

  // Stored lower-cased and trimmed, so uniqueness is case-insensitive on both databases.
  @Column({ type: 'varchar', length: 254, unique: true })
  email!: string;

  @Column({ type: 'varchar', length: 200 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  // In every token; raised by logout and by a password change or reset, which so revokes every earlier token.
  @Column({ type: 'integer', default: 0 })
  tokenVersion!: number;

  @Column()
  createdAt!: Date;

  @Column()
  updatedAt!: Date;
}
