import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import { OptionalNotNull, OptionalOrNull } from '../common/http/optional.js';
import { Trim } from '../common/http/trim.js';
import { IP_STATUSES, type IpStatus } from './ip-record.entity.js';

const optionalOrNull = OptionalOrNull();
const date =
  (description: string): PropertyDecorator =>
  (target, key) => {
    ApiPropertyOptional({ format: 'date', nullable: true, description })(target, key);
    optionalOrNull(target, key);
    IsISO8601({ strict: true }, { message: `${String(key)} must be a calendar date as YYYY-MM-DD` })(target, key);
  };

/**
 * A mark, design or copyright record; in PATCH every field is optional. `null` clears a date or an application or registration
 * number (nullable columns); name, classes, status and owners are never null (400): leave them out to keep them.
 */
export class IpRecordFieldsDto {
  @ApiPropertyOptional({ type: [Number], example: [25, 18], description: 'Nice classes (1–45) for a mark' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(45)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(45, { each: true })
  classes?: number[];

  @ApiPropertyOptional({ enum: IP_STATUSES, description: 'New records start at none' })
  @OptionalNotNull()
  @IsIn(IP_STATUSES)
  status?: IpStatus;

  @ApiPropertyOptional({ nullable: true }) @optionalOrNull @IsString() @MaxLength(64) applicationNumber?: string | null;
  @ApiPropertyOptional({ nullable: true }) @optionalOrNull @IsString() @MaxLength(64) registrationNumber?: string | null;
  @date('Tanggal Penerimaan: the filing date') filingDate?: string | null;
  @date('When publication in the Official Gazette started') publicationDate?: string | null;
  @date('When the copy of an opposition was sent') oppositionDate?: string | null;
  @date('When a provisional refusal was sent') refusalNoticeDate?: string | null;
  @date('Registration date') registrationDate?: string | null;
  @date('Date of the latest dated proof of use (invoice, listing, labelled photo)') lastUseEvidenceDate?: string | null;
  @date('Designs: the first public disclosure (launch, lookbook, runway)') firstDisclosureDate?: string | null;

  @ApiPropertyOptional({
    type: [String],
    description: 'Other owners (organization ids or names) of a joint mark; empty: the organization alone',
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  owners?: string[];
}

export class CreateIpRecordDto extends IpRecordFieldsDto {
  @ApiProperty({ example: 'LOOKOUT' }) @Trim() @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
}

export class UpdateIpRecordDto extends IpRecordFieldsDto {
  @ApiPropertyOptional() @OptionalNotNull() @Trim() @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
}
