import { Type } from 'class-transformer';
import { IsIn, IsString, ValidateNested, validateSync } from 'class-validator';
import { plainToInstance } from 'class-transformer';
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
