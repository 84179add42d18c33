import type { RouteTarget } from '../core/routing';
import type { Target } from '../core/target';
import { takesImages } from '../core/vision';
import type { CandidateFacts } from '../core/workload';
import type { Engines } from './engine-hub';
import type { EndpointsState } from './endpoints.svelte';
import type { ModelsState } from './models.svelte';

/** What the workload's constraints are checked against: context, images, fit, currency. */
export function candidateFacts(
  id: string,
  label: string,
  target: Target,
  hub: Pick<Engines, 'price'>,
  models: Pick<ModelsState, 'find'>,
): CandidateFacts {
  if (target.kind === 'remote') {
    const currency = hub.price(target)?.currency ?? null;
    return {
      id,
      label,
      contextWindow: null,
      takesImages: takesImages(target.model),
      fits: { ok: true },
      currency,
    };
  }
  const playable = models.find(target.modelKey);
  const fit = playable?.fit;
  return {
    id,
    label,
    contextWindow: playable?.entry.contextWindow ?? null,
    takesImages: false,
    fits: !fit || fit.ok ? { ok: true } : { ok: false, reason: fit.reason ?? 'too large' },
    currency: null,
  };
}

/** Where the routing table sends a category: who answers, on which runtime, at which URL or device. */
export function routeTarget(
  target: Target,
  hub: Pick<Engines, 'label' | 'info'>,
  endpoints: Pick<EndpointsState, 'byId'>,
): RouteTarget {
  const label = hub.label(target);
  const info = hub.info(target);
  if (target.kind === 'remote') {
    const baseUrl = endpoints.byId(target.endpointId)?.baseUrl ?? '';
    return { label, runtime: 'remote', modelId: info.modelId, baseUrl };
  }
  return { label, runtime: info.runtime, modelId: info.modelId, device: target.device };
}
