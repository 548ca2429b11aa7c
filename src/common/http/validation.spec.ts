import { Type } from 'class-transformer';
import { IsIn, IsString, ValidateNested, validateSync } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { OptionalNotNull, OptionalOrNull } from './optional.js';
import { fieldProblems } from './validation.js';

class Inner {
  @IsIn(['a', 'b']) kind!: string;
  @IsString({ each: true }) tags!: string[];
}
class Outer {
  @IsString() name!: string;
  @ValidateNested() @Type(() => Inner) inner!: Inner;
}

describe('fieldProblems', () => {
  it('names nested fields by their dotted path in each message', () => {
    const errors = validateSync(plainToInstance(Outer, { name: 1, inner: { kind: 'c', tags: ['x', 2] } }));
    expect(fieldProblems(errors)).toEqual([
      { field: 'name', problems: ['name must be a string'] },
      { field: 'inner.kind', problems: ['inner.kind must be one of the following values: a, b'] },
      { field: 'inner.tags', problems: ['each value in inner.tags must be a string'] },
    ]);
  });
});

describe('OptionalNotNull', () => {
  class Patch {
    @OptionalNotNull() @IsString() name?: string;
    @OptionalOrNull() @IsString() note?: string | null;
  }
  const problems = (body: object) => fieldProblems(validateSync(plainToInstance(Patch, body)));

  it('lets a field be left out, refuses null with that one problem, and checks any other value', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ name: null })).toEqual([{ field: 'name', problems: ['name must not be null'] }]);
    expect(problems({ name: 1 })).toEqual([{ field: 'name', problems: ['name must be a string'] }]);
  });

  it('OptionalOrNull takes null as a value that clears the field', () => {
    expect(problems({ note: null })).toEqual([]);
    expect(problems({ note: 1 })).toEqual([{ field: 'note', problems: ['note must be a string'] }]);
  });
});
