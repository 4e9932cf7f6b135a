import { z } from 'zod';
import { nonNegativeInt } from '../domain/fields';

/** Pricing by grade (tea leaf A/B/C, coffee cherry 1/2): the delivery's grade picks the rate. */

export const gradeCodeField = z
  .string({ error: 'must be text' })
  .trim()
  .min(1, 'is required')
  .max(16, 'must be at most 16 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9+._-]*$/, 'may contain only letters, digits and + . _ -');

const GradeSchema = z.strictObject({
  code: gradeCodeField,
  label: z.string({ error: 'must be text' }).trim().max(60, 'must be at most 60 characters').default(''),
  rate_minor: nonNegativeInt,
});
export type Grade = z.infer<typeof GradeSchema>;

export const GradeMethodSchema = z
  .strictObject({
    by: z.literal('grade'),
    grades: z
      .array(GradeSchema, { error: 'must be a list of grades' })
      .min(1, 'needs at least one grade')
      .max(50, 'may have at most 50 grades'),
  })
  .superRefine((method, ctx) => {
    const seen = new Set<string>();
    method.grades.forEach((grade, i) => {
      if (seen.has(grade.code))
        ctx.addIssue({ code: 'custom', path: ['grades', i, 'code'], message: `grade ${grade.code} is listed twice` });
      seen.add(grade.code);
    });
  });
export type GradeMethod = z.infer<typeof GradeMethodSchema>;

export type GradeLookup = { ok: true; grade: Grade } | { ok: false; field: string; message: string };

/** The grade a delivery names, compared exactly (the entry screen offers the list). */
export function lookupGrade(method: GradeMethod, code: string | null): GradeLookup {
  const codes = method.grades.map((g) => g.code).join(', ');
  if (code === null) return { ok: false, field: 'grade', message: `is required: one of ${codes}` };
  const grade = method.grades.find((g) => g.code === code);
  if (!grade) return { ok: false, field: 'grade', message: `"${code}" is not a grade of this product (${codes})` };
  return { ok: true, grade };
}
