export const SCREENS = [
  {
    id: 'compare',
    label: 'Compare',
    purpose:
      'One prompt, two to four models, on-device and cloud, answering side by side with live latency and cost.',
  },
  {
    id: 'playground',
    label: 'Playground',
    purpose:
      'Load one on-device Qwen model, chat with it, and watch its load time, TTFT and tokens/s on this machine.',
  },
  {
    id: 'evaluate',
    label: 'Evaluate',
    purpose:
      'Run a suite of your representative tasks on several candidates and get pass rates, P95 latency, cost per success and a routing table.',
  },
  {
    id: 'history',
    label: 'History',
    purpose:
      'Every run and result kept in this browser: filter, open, compare two runs, export and import JSON.',
  },
  {
    id: 'models',
    label: 'Models',
    purpose: 'Which Qwen models fit this device, which are downloaded and how much storage they use.',
  },
  {
    id: 'settings',
    label: 'Settings',
    purpose: 'Remote endpoints and API keys (kept in this browser only), prices, and defaults.',
  },
] as const;

export type ScreenId = (typeof SCREENS)[number]['id'];

export const DEFAULT_SCREEN: ScreenId = 'compare';

function isScreenId(value: string): value is ScreenId {
  return SCREENS.some((s) => s.id === value);
}

/** `#/history?run=3` -> 'history'; anything unknown lands on the default screen. */
export function screenFromHash(hash: string): ScreenId {
  const id = hash.replace(/^#\/?/, '').split(/[?/]/)[0] ?? '';
  return isScreenId(id) ? id : DEFAULT_SCREEN;
}

export function hashForScreen(id: ScreenId): string {
  return `#/${id}`;
}
