// The analyze family's answers above single rows: vulnerabilities counted per CVE, resources as the unit, and
// attack paths. Plain zod objects, validated by the registry only, so an LLM planner can be given the same schema.
import { z } from 'zod';
import { analyzeFilterSchema } from './analyze';

const text = z.string().trim().min(1).max(200);
const topN = z.number().int().min(1).max(50);
/** CVE-2021-44228: the MITRE id shape (year, then four or more digits). */
export const CVE_ID_PATTERN = /^CVE-\d{4}-\d{4,}$/;
const cveId = z.string().trim().toUpperCase().pipe(z.string().regex(CVE_ID_PATTERN));

/** `vulnerabilities`: CVEs among the open recommendations, most affected resources first. */
export const vulnerabilitiesParamsSchema = z
  .object({
    /** Exact CVE ids. */
    cves: z.array(cveId).min(1).max(25).optional(),
    /** A CVE id or CVE title contains this text ("log4j", "PrintNightmare"). */
    text: text.optional(),
    /** Package or software name contains this text. */
    software: text.optional(),
    /** true: only where a fix is available; false: only where none is yet. */
    fixAvailable: z.boolean().optional(),
    limit: topN.optional(),
  })
  .strict();
export type VulnerabilitiesParams = z.infer<typeof vulnerabilitiesParamsSchema>;

/** `resources`: resources ranked by risk, each with its recommendations ranked ("top 5 riskiest", "what's wrong with X"). */
export const resourcesParamsSchema = z
  .object({
    filter: analyzeFilterSchema.default({}),
    limit: topN.optional(),
  })
  .strict();
export type ResourcesParams = z.infer<typeof resourcesParamsSchema>;

/** `attackPaths`: attack paths, riskiest first, optionally those through a resource (name text). */
export const attackPathsParamsSchema = z
  .object({
    resourceText: text.optional(),
    limit: topN.optional(),
  })
  .strict();
export type AttackPathsParams = z.infer<typeof attackPathsParamsSchema>;
