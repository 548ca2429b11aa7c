import 'reflect-metadata';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsEmail, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { OptionalNotNull, OptionalOrNull } from '../common/http/optional.js';
import { deriveSchemasFromValidation } from './validation-schema.js';

// A DTO declared here, after the app's: the derivation reads whatever class-validator knows, so rules added later count.
class ProbeDto {
  @ApiProperty() @IsInt() @Min(1) @Max(5) count!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(3) note?: string | null;
  @ApiPropertyOptional() @OptionalNotNull() @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional() @OptionalOrNull() @Matches(/^\d{13}$/) nib?: string | null;
  @ApiProperty({ type: [String] }) @ArrayMaxSize(2) @IsString({ each: true }) @MaxLength(4, { each: true }) tags!: string[];
}

// The options as Nest reads them; a type TypeScript reflected (String, Number) is named as in the document.
function options(property: keyof ProbeDto): Record<string, unknown> {
  const own = Reflect.getMetadata('swagger/apiModelProperties', ProbeDto.prototype, property) as Record<string, unknown>;
  const names = new Map<unknown, string>([
    [String, 'string'],
    [Number, 'number'],
  ]);
  return { ...own, type: names.get(own.type) ?? own.type };
}

describe('deriveSchemasFromValidation', () => {
  const validated = deriveSchemasFromValidation();

  it('lists the validated classes, whose schemas are then closed', () => {
    expect(validated.has('ProbeDto')).toBe(true);
  });

  it('writes each rule into the property options the document is built from', () => {
    expect(options('count')).toMatchObject({ type: 'integer', minimum: 1, maximum: 5 });
    expect(options('count').required).not.toBe(false);
    expect(options('note')).toMatchObject({ type: 'string', maxLength: 3, required: false, nullable: true });
    expect(options('email')).toMatchObject({ type: 'string', format: 'email', maxLength: 254, required: false });
    expect(options('email')).not.toHaveProperty('nullable');
    expect(options('nib')).toMatchObject({ type: 'string', pattern: '^\\d{13}$', required: false, nullable: true });
    expect(options('tags')).toMatchObject({ maxItems: 2, maxLength: 4 });
  });

  it('is idempotent: every app builds its document again', () => {
    const before = options('note');
    deriveSchemasFromValidation();
    expect(options('note')).toEqual(before);
  });
});
