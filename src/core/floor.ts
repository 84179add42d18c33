import { wilson } from './wilson';

/** The quality floor a category's default is held to when the workload names none. */
export const DEFAULT_FLOOR = 0.8;

export interface FloorStatus {
  floor: number;
  /** The observed pass rate clears the floor. */
  eligible: boolean;
  /** The lower end of the Wilson 95% interval clears it too: not luck at this n. */
  established: boolean;
  /**
   * Eligible but not established: about how many more tasks at the observed pass rate
   * would establish it; null when established, or when the observed rate is the floor
   * itself (then no number of tasks would).
   */
  moreToEstablish: number | null;
}

const low = (rate: number, n: number) => wilson(rate * n, n)?.low ?? 0;

/** Where a candidate stands against a floor with `passes` of `n`. */
export function floorStatus(passes: number, n: number, floor: number): FloorStatus {
  const rate = n > 0 ? passes / n : 0;
  const eligible = n > 0 && rate >= floor;
  const established = eligible && low(rate, n) >= floor;
  return {
    floor,
    eligible,
    established,
    moreToEstablish: eligible && !established ? moreTasks(rate, n, floor) : null,
  };
}

/** The fewest extra tasks m at pass rate `rate` whose Wilson lower bound over n + m clears the floor. */
function moreTasks(rate: number, n: number, floor: number): number | null {
  const LIMIT = 1_000_000;
  if (rate <= floor || low(rate, n + LIMIT) < floor) return null;
  let hi = 1;
  while (low(rate, n + hi) < floor) hi *= 2;
  let lo = Math.floor(hi / 2);
  // low(rate, n + lo) < floor <= low(rate, n + hi): narrow down to the first that clears.
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (low(rate, n + mid) >= floor) hi = mid;
    else lo = mid;
  }
  return hi;
}
