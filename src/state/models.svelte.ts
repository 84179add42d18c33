import { getContext, setContext } from 'svelte';
import { transformersChoices, webLlmChoices, webLlmFitOf, type Playable } from '../catalog/catalog';
import { customEntry, customRecord, splitModelUrl, type CustomModel } from '../catalog/custom-models';
import type { DeviceState } from './device.svelte';
import type { StoreState } from './store.svelte';

/** Every on-device model a picker can offer, with its fit on this device, plus the user's own. */
export class ModelsState {
  readonly #device: DeviceState;
  readonly #store: StoreState;
  #custom = $state<CustomModel[]>([]);
  /** Resolves once the stored custom models are read. */
  readonly ready: Promise<void>;

  constructor(device: DeviceState, store: StoreState) {
    this.#device = device;
    this.#store = store;
    this.ready = store.readConfig(async (config) => {
      this.#custom = await config.models();
    });
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

  /** Stores the model, then offers it; returns its picker key. */
  async addCustom(model: CustomModel): Promise<string> {
    const key = customEntry(model).key;
    await (await this.#store.config()).putModel({ ...($state.snapshot(model) as CustomModel), key });
    this.#custom = [...this.#custom.filter((m) => customEntry(m).key !== key), model];
    return key;
  }
}

const KEY = Symbol('models');
export const createModelsState = (device: DeviceState, store: StoreState) =>
  setContext(KEY, new ModelsState(device, store));
export const useModelsState = () => getContext<ModelsState>(KEY);
