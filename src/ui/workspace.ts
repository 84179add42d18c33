// Evaluate and History with their state, suites, graders, statistics and reports: loaded
// on first use (a chunk of its own), so the first screen a user sees loads without them.
import { EvaluateState, type EvaluateDeps } from '../state/evaluate.svelte';
import { HistoryState } from '../state/history.svelte';
import { SuiteLibrary } from '../state/suite-library.svelte';

export { default as WorkspaceRoute } from './WorkspaceRoute.svelte';

export interface Workspace {
  library: SuiteLibrary;
  evaluate: EvaluateState;
  history: HistoryState;
}

/** Made once per page and kept: a run started on Evaluate goes on while other screens show. */
export function createWorkspace(deps: Omit<EvaluateDeps, 'library'>): Workspace {
  const library = new SuiteLibrary(deps.store);
  return {
    library,
    evaluate: new EvaluateState({ ...deps, library }),
    history: new HistoryState(deps.store, library),
  };
}
