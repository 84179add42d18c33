import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const json = (path: string) =>
  JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as {
    dependencies?: Record<string, string>;
  };

describe('declared dependencies', () => {
  it('onnxruntime-web is declared at the version transformers.js runs on (its wasm files are served by path)', () => {
    const ours = json('../../package.json').dependencies?.['onnxruntime-web'];
    const theirs = json('../../node_modules/@huggingface/transformers/package.json').dependencies?.[
      'onnxruntime-web'
    ];
    expect(ours).toBeDefined();
    expect(ours).toBe(theirs);
  });
});
