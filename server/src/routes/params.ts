import { z } from 'zod';
import { parseInput, uuidField } from '../../../shared';

const IdParam = z.object({ id: uuidField });

/** The `:id` of a route's path, checked: a bad one is a 422 naming `id`. */
export function idParam(request: { params: unknown }): string {
  return parseInput(IdParam, request.params).id;
}
