// Messages between the page and its simulation workers.

import type { Scenario, TechniqueId, TechniqueResult } from '../../sim';

export interface JobRequest {
  gen: number;
  technique: TechniqueId;
  scenario: Scenario;
  traceClients: number;
}

export type JobReply =
  | { gen: number; technique: TechniqueId; ok: true; result: TechniqueResult; ms: number }
  | { gen: number; technique: TechniqueId; ok: false; error: string };
