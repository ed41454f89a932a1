// Public entry of the simulation core: resolve a scenario, run techniques.

export { simulate, runTechnique, runShard, runShardToPost, mergeShards, mergeRun, type RunOptions } from './run/simulate';
export { clientsIndependent, splitClients, type ClientRange, type ShardResult } from './run/shards';
export { population, hasChurn, type Population } from './run/population';
export type { Spawner } from './run/spawn';
export { resolveScenario, parseValue, checkValue, readNumber, ScenarioError, type ScenarioProblem } from './scenario/validate';
export { changedKeys, toFlat, nest, defaultFlat, defaultValues } from './scenario/flat';
export { KEYS, KEY_INDEX, allowedText, type KeySpec } from './scenario/keys';
export { editDistance, closestName, didYouMean } from './scenario/distance';
export type { Scenario, UpdatePattern } from './scenario/types';
export { updateTimes } from './feed';
export { serverDownAt } from './downtime';
export { mediaCase } from './media';
export { estimateWork, techniqueWork, mediaWork, DEFAULT_MAX_WORK, type WorkEstimate } from './run/work';
export * from './types';
