import type { QwenfitAutomation } from '../core/automation';
import { adapterName } from '../core/device';
import type { DeviceState } from './device.svelte';
import type { DownloadConsent } from './download-consent.svelte';
import type { EndpointsState } from './endpoints.svelte';
import type { EvaluateState } from './evaluate.svelte';
import type { Exporter } from './exporter';

/** Makes the app drivable by the headless runner (scripts/cli), through the screens' own state. */
export function exposeAutomation(deps: {
  /** Evaluate loads on first use: a plan loads it. */
  evaluate: () => Promise<EvaluateState>;
  endpoints: Pick<EndpointsState, 'byId' | 'testConnection'>;
  exporter: Exporter;
  consent: DownloadConsent;
  device: Pick<DeviceState, 'probed' | 'report'>;
  webgpu: () => boolean;
}): void {
  const { endpoints, exporter, consent } = deps;
  let loaded: EvaluateState | null = null;
  /** Every call after loadPlan: the runner always loads a plan first. */
  const evaluate = (): EvaluateState => {
    if (!loaded) throw new Error('Load a plan first.');
    return loaded;
  };
  const api: QwenfitAutomation = {
    async loadPlan(text, keys) {
      const ev = (loaded = await deps.evaluate());
      await ev.init();
      return ev.loadPlan(text, keys);
    },
    async preflight() {
      const ev = evaluate();
      const problems: string[] = [];
      const checked = new Set<string>();
      for (const c of ev.config.candidates) {
        const t = c.target;
        if (t.kind === 'ondevice') {
          const fact = ev.facts.find((f) => f.id === c.id);
          if (fact && !fact.fits.ok)
            problems.push(`${fact.label} does not fit this device: ${fact.fits.reason}`);
          if (t.device === 'webgpu' && !deps.webgpu())
            problems.push(`${ev.label(c.id)} needs WebGPU, which this browser does not offer`);
          continue;
        }
        const key = `${t.endpointId}|${t.model}`;
        if (checked.has(key)) continue;
        checked.add(key);
        const endpoint = endpoints.byId(t.endpointId);
        if (!endpoint) {
          problems.push(`the endpoint ${t.endpointId} is not here`);
          continue;
        }
        const test = await endpoints.testConnection(endpoint, null, t.model);
        if (!test.ok) problems.push(`${endpoint.name} (${endpoint.baseUrl}) cannot be used: ${test.message}`);
      }
      return problems;
    },
    async run() {
      const ev = evaluate();
      const downloads: string[] = [];
      // Whoever started a headless run asked for its models: say yes to each download, and list it.
      const answering = setInterval(() => {
        const q = consent.pending;
        if (!q) return;
        downloads.push(`${q.label} from ${q.from}`);
        consent.answer(true);
      }, 100);
      try {
        await ev.run();
      } finally {
        clearInterval(answering);
      }
      return { runId: ev.runId, status: ev.runStatus, downloads };
    },
    progress() {
      const ev = evaluate();
      const p = ev.progress;
      if (!p) return null;
      return {
        done: p.done,
        total: p.total,
        elapsedMs: p.lastAt - p.startedAt,
        candidates: Object.entries(p.byCandidate).map(([id, c]) => ({ label: ev.label(id), ...c })),
      };
    },
    results(from) {
      return evaluate().results.slice(from);
    },
    async device() {
      await deps.device.probed;
      const gpu = deps.device.report?.webgpu;
      return { userAgent: navigator.userAgent, adapter: gpu?.available ? adapterName(gpu.adapter) : null };
    },
    report(regression) {
      return evaluate().report(regression) ?? '';
    },
    async exportRun(runId) {
      const { doc } = await exporter.document([runId]);
      return JSON.stringify(doc, null, 2);
    },
  };
  window.qwenfit = api;
}
