import { ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { DomainException, ErrorCode } from '../errors/domain.exception.js';
import { NOT_NULL } from './optional.js';

export interface FieldProblem {
  field: string;
  problems: string[];
}

/** Flattens class-validator's tree into dotted field paths (`organization.legalForm`, `brands.0`). */
export function fieldProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const constraints = error.constraints ?? {};
    // A null where null is not allowed is the one thing wrong; "must be a string" and the like would only repeat it.
    const failed = NOT_NULL in constraints ? { [NOT_NULL]: constraints[NOT_NULL] } : constraints;
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

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: validationException,
  });
}
