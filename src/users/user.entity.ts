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

  @Column()
  createdAt!: Date;

  @Column()
  updatedAt!: Date;
}
