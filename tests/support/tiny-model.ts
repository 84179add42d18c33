import { resolve } from 'node:path';

export const MODELS_DIR = resolve(import.meta.dirname, '../../public/models');
export const TINY_MODEL_DIR = resolve(MODELS_DIR, 'qwenfit-tiny-qwen2');
