import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { DomainException, ErrorCode } from '../errors/domain.exception.js';
import { NOT_NULL } from './optional.js';

// class-validator's type checks; when one fails, the field's other checks (range, length, pattern) only repeat it.
const TYPE_CHECKS = ['isInt', 'isNumber', 'isString', 'isBoolean', 'isArray', 'isObject'];

export interface FieldProblem {
  field: string;
  problems: string[];
}

/** Flattens class-validator's tree into dotted field paths (`organization.legalForm`, `brands.0`). */
export function fieldProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const constraints = error.constraints ?? {};
    // A null where null is not allowed is the one thing wrong; "must be a string" and the like would only repeat it. So is a
    // wrong type: for `limit=1.0`, "must be an integer", not also the range a value of another type cannot be in.
    const types = TYPE_CHECKS.filter((name) => name in constraints);
    const failed =
      NOT_NULL in constraints
        ? { [NOT_NULL]: constraints[NOT_NULL] }
        : types.length > 0
          ? Object.fromEntries(types.map((name) => [name, constraints[name]]))
          : constraints;
    const own = Object.entries(failed).map(([name, message]) =>
      name === 'whitelistValidation' ? `${field} is not a known field` : withPath(message, error.property, field),
    );
    const nested = fieldProblems(error.children ?? [], field);
    return own.length > 0 ? [{ field, problems: own }, ...nested] : nested;
  });
}

// class-validator's messages start with the bare property name; put the full path there instead.
function withPath(message: string, property: string, field: string): string {
  for (const lead of ['', 'each value in ']) {
    if (message.startsWith(`${lead}${property} `)) return `${lead}${field}${message.slice(lead.length + property.length)}`;
  }
  return `${field}: ${message}`;
}

export function validationException(errors: ValidationError[], prefix = ''): DomainException {
  const fields = fieldProblems(errors, prefix);
  const message = fields.flatMap((f) => f.problems).join('; ') || 'Request validation failed';
  return new DomainException(ErrorCode.VALIDATION_FAILED, message, { fields });
}

const PLAIN = new Set<unknown>([Object, String, Number, Boolean, Array, undefined]);

/** A body bound to a DTO must be a JSON object: `null` (or a string, a number, an array) would reach no field check. */
class DtoValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const object = typeof value === 'object' && value !== null && !Array.isArray(value);
    if (metadata.type === 'body' && !PLAIN.has(metadata.metatype) && value !== undefined && !object) {
      const problem = 'body must be a JSON object';
      throw new DomainException(ErrorCode.VALIDATION_FAILED, problem, { fields: [{ field: 'body', problems: [problem] }] });
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new DtoValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: validationException,
  });
}
