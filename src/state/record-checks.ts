/**
 * core/record-check, loaded when the page first reads stored records back: its compiled
 * schemas are 25 KB gzipped that the first screen does not need to open.
 */
export const recordChecks = () => import('../core/record-check');
