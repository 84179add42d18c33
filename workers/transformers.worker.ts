/// <reference lib="webworker" />
import { expose } from 'comlink';
import { api } from './transformers-api';

expose(api);
export type TransformersWorkerApi = typeof api;
