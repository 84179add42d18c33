import type { ComputeDevice } from '../core/engine-types';
import type { Target } from './target';

/** Picker keys for remote models: `remote:<endpoint id>:<model>`; on-device keys are catalog keys. */
export const remoteKey = (endpointId: string, model: string) => `remote:${endpointId}:${model}`;

export function parseRemoteKey(key: string): { endpointId: string; model: string } | null {
  const m = /^remote:([^:]+):(.+)$/.exec(key);
  return m ? { endpointId: m[1] as string, model: m[2] as string } : null;
}

export function pickerKey(t: Target): string {
  return t.kind === 'remote' ? remoteKey(t.endpointId, t.model) : t.modelKey;
}

/** The target a picker choice means; web-llm runs on WebGPU only, others keep their device. */
export function targetForKey(key: string, webLlm: boolean, device: ComputeDevice): Target {
  const remote = parseRemoteKey(key);
  if (remote) return { kind: 'remote', ...remote };
  return { kind: 'ondevice', modelKey: key, device: webLlm ? 'webgpu' : device };
}
