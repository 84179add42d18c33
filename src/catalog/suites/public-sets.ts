import { bfclTask, type BfclAnswer, type BfclQuestion } from '../../core/bfcl';
import { ifEvalTask, type IfEvalItem } from '../../core/ifeval';
import type { SuiteTask } from '../../core/suite';
import bfclIrrelevance from './data/BFCL_v4_irrelevance.first5.jsonl?raw';
import bfclAnswers from './data/BFCL_v4_simple_python.answers.first10.jsonl?raw';
import bfclSimple from './data/BFCL_v4_simple_python.first10.jsonl?raw';
import ifEvalInput from './data/ifeval_input_data.sample.jsonl?raw';

// The data files are byte-for-byte lines of the published files, so they can be checked
// against their source; the conversion to suite tasks lives in src/core and is tested.
const lines = <T>(text: string): T[] =>
  text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

export const BFCL_ATTRIBUTION =
  'BFCL v4 (Berkeley Function Calling Leaderboard, Patil et al., github.com/ShishirPatil/gorilla): the first 10 items of BFCL_v4_simple_python.json with their possible answers and the first 5 of BFCL_v4_irrelevance.json, verbatim; Apache License 2.0, text in src/catalog/suites/LICENSE-apache-2.0.txt. Dotted function names use "_" (math.factorial -> math_factorial) as Chat Completions requires.';

export const IFEVAL_ATTRIBUTION =
  'IFEval (Zhou et al. 2023, "Instruction-Following Evaluation for Large Language Models", github.com/google-research/google-research, instruction_following_eval/data/input_data.jsonl, Copyright The Google Research Authors): the first 15 prompts whose instructions Qwenfit checks, verbatim; Apache License 2.0, text in src/catalog/suites/LICENSE-apache-2.0.txt. Graded by Qwenfit\'s own checks, which follow IFEval\'s strict rules except that the language is not detected.';

const answers = lines<BfclAnswer>(bfclAnswers);

export const BFCL_SAMPLE: SuiteTask[] = [
  ...lines<BfclQuestion>(bfclSimple).map((q, i) => bfclTask(q, answers[i], 'tools')),
  ...lines<BfclQuestion>(bfclIrrelevance).map((q) => bfclTask(q, undefined, 'tools')),
];

export const IFEVAL_SAMPLE: SuiteTask[] = lines<IfEvalItem>(ifEvalInput).map((item) =>
  ifEvalTask(item, 'instructions'),
);
