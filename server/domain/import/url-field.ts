import { z } from 'zod';
import { urlProblem } from '../../../shared/url-policy.js';

/** A URL field of an import file (project JSON, STIX), checked by the one URL policy where the parser reports it. */
export const urlField = z.string().superRefine((text, context) => {
  const problem = urlProblem(text);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});
