/** One figure in bench/latest.json. */
export interface BenchResult {
  id: string;
  value: number;
  unit: string;
  better: 'higher' | 'lower';
  note: string;
}

export interface Benchmark {
  /** Prefix of the ids it produces, e.g. `tiny_model`. */
  group: string;
  run(): Promise<BenchResult[]>;
}
