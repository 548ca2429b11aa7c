import { applyDecorators } from '@nestjs/common';
import { ValidateBy, ValidateIf } from 'class-validator';

/** The constraint name of `OptionalNotNull`; `fieldProblems` reports it alone, as the field's other checks add nothing. */
export const NOT_NULL = 'isNotNull';

/**
 * May be left out, but not sent as `null`: for fields stored NOT NULL or that have no "cleared" state (in PATCH, leave a field
 * out to keep it). class-validator's `@IsOptional` would let `null` through to the database.
 */
export const OptionalNotNull = (): PropertyDecorator =>
  applyDecorators(
    ValidateIf((_: object, value: unknown) => value !== undefined),
    ValidateBy({
      name: NOT_NULL,
      validator: { validate: (value: unknown) => value !== null, defaultMessage: () => '$property must not be null' },
    }),
  );

/** May be left out or sent as `null`, which clears it (a nullable column); any other value is checked. */
export const OptionalOrNull = (): PropertyDecorator => ValidateIf((_: object, value: unknown) => value !== undefined && value !== null);
