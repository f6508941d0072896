import { BadRequestException, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';

/**
 * Every request body of this API is a JSON object. Arrays, strings and numbers are valid JSON
 * but wrong types: refuse them before class validation sees them. An absent body stands for `{}`.
 */
export class JsonObjectBodyPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body') return value;
    if (value === undefined) return {};
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new BadRequestException('The request body must be a JSON object');
    }
    return value;
  }
}
