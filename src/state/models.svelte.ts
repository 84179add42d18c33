import { getContext, setContext } from 'svelte';
import { transformersChoices, webLlmChoices, webLlmFitOf, type Playable } from '../catalog/catalog';
import { customEntry, customRecord, splitModelUrl, type CustomModel } from '../catalog/custom-models';
import type { DeviceState } from './device.svelte';

const STORAGE_KEY = 'qwenfit.customModels.v1';

function readStored(): CustomModel[] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(raw) ? (raw as CustomModel[]) : [];
  } catch {
    return [];
  }
}

/** Every on-device model a picker can offer, with its fit on this device, plus the user's own. */
export class ModelsState {
  readonly #device: DeviceState;
  #custom = $state<CustomModel[]>(readStored());

  constructor(device: DeviceState) {
    this.#device = device;
    this.webllm = $derived(webLlmChoices(this.#device.report));
    this.custom = $derived(this.#custom.map((m) => this.#playable(m)));
    this.all = $derived([...this.webllm, ...this.transformers, ...this.custom]);
  }

  #playable(m: CustomModel): Playable {
    const entry = customEntry(m);
    if (m.kind === 'webllm') {
      const record = customRecord(m);
      return { entry, record, fit: webLlmFitOf(record, this.#device.report) };
    }
    const remote = /^https?:\/\//.test(m.modelIdOrUrl)
      ? { remoteHost: splitModelUrl(m.modelIdOrUrl).remoteHost }
      : {};
    return { entry, fit: { ok: true }, ...remote };
  }

  readonly webllm: Playable[];
  readonly transformers: Playable[] = transformersChoices();
  readonly custom: Playable[];
  readonly all: Playable[];

  find(key: string): Playable | undefined {
    return this.all.find((p) => p.entry.key === key);
  }

  addCustom(model: CustomModel): string {
    const key = customEntry(model).key;
    this.#custom = [...this.#custom.filter((m) => customEntry(m).key !== key), model];
    localStorage.setItem(STORAGE_KEY, JSON.stringify(this.#custom));
    return key;
  }

  removeCustom(key: string): void {
    this.#custom = this.#custom.filter((m) => customEntry(m).key !== key);
    localStorage.setItem(STORAGE_KEY, JSON.stringify(this.#custom));
  }
}

const KEY = Symbol('models');
export const createModelsState = (device: DeviceState) => setContext(KEY, new ModelsState(device));
export const useModelsState = () => getContext<ModelsState>(KEY);
