import { registerDecorator, type ValidationOptions } from 'class-validator';

/*
 * Free text from clients. A required text must say something: blank or whitespace-only (also
 * Unicode spaces and invisible format characters such as U+200B) is refused. Control characters
 * are refused everywhere except newline and tab (and CR only as part of a CRLF line break) in
 * multi-line text: they corrupt exports, terminals and the CLI's tables.
 */

export interface TextRules {
  /** Names, titles, codes: no line breaks or tabs either. */
  singleLine?: boolean;
}

const VISIBLE = /[^\s\p{Cf}]/u;
/** C0 and C1 controls and DEL, except tab, LF and CR (CR is checked as part of CRLF below). */
// Matching control characters is the point of these two patterns.
// eslint-disable-next-line no-control-regex
const CONTROL_MULTI = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\r(?!\n)/u;
// eslint-disable-next-line no-control-regex
const CONTROL_SINGLE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/u;

/** Why a text breaks the rules, or null when it does not. */
export function textProblem(value: unknown, required: boolean, rules: TextRules = {}): string | null {
  if (typeof value !== 'string') return 'must be a string';
  if ((rules.singleLine ? CONTROL_SINGLE : CONTROL_MULTI).test(value)) {
    return rules.singleLine ? 'must be one line without control characters' : 'must not contain control characters other than newline and tab';
  }
  if (required && !VISIBLE.test(value)) return 'must contain a non-space character';
  return null;
}

function textDecorator(required: boolean, rules: TextRules, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: required ? 'isRequiredText' : 'isCleanText',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => textProblem(value, required, rules) === null,
        defaultMessage: (args) => `${args?.property} ${textProblem(args?.value, required, rules)}`,
      },
    });
}

/** A string with at least one visible character and no control characters (see above). */
export const IsRequiredText = (rules: TextRules = {}, options?: ValidationOptions): PropertyDecorator => textDecorator(true, rules, options);

/** A string, possibly blank, with no control characters (see above): for optional free text. */
export const IsCleanText = (rules: TextRules = {}, options?: ValidationOptions): PropertyDecorator => textDecorator(false, rules, options);
