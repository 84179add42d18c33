import type { ComputeDevice } from './engine-types';
import { takesImages } from './vision';

/** What a generation runs on: an on-device model on a compute device, or a model behind an endpoint. */
export type Target =
  | { kind: 'ondevice'; modelKey: string; device: ComputeDevice }
  | { kind: 'remote'; endpointId: string; model: string };

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Whether a stored value is a target this version can run. */
export function isTarget(v: unknown): v is Target {
  if (!isRecord(v)) return false;
  if (v['kind'] === 'ondevice')
    return typeof v['modelKey'] === 'string' && (v['device'] === 'webgpu' || v['device'] === 'wasm');
  return v['kind'] === 'remote' && typeof v['endpointId'] === 'string' && typeof v['model'] === 'string';
}

/** What a candidate is, whatever its id or place in a list: the model and its runtime or endpoint. */
export function targetKey(t: Target): string {
  return t.kind === 'ondevice' ? `ondevice|${t.modelKey}|${t.device}` : `remote|${t.endpointId}|${t.model}`;
}

/** Work sharing a key shares a concurrency limit: one on-device worker, or one endpoint. */
export function schedulerKey(target: Target): string {
  return target.kind === 'ondevice'
    ? `ondevice:${target.modelKey}:${target.device}`
    : `remote:${target.endpointId}`;
}

/** Whether this target is sent images: remote vision models only. */
export function targetTakesImages(target: Target): boolean {
  return target.kind === 'remote' && takesImages(target.model);
}
