import { v7, validate, version } from 'uuid';

/** UUIDv7: time-ordered, made wherever the record is made (also offline). */
export function newId(): string {
  return v7();
}

export function isUuidV7(value: string): boolean {
  return validate(value) && version(value) === 7;
}
