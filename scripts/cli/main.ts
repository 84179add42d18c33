import { Command, InvalidArgumentError } from 'commander';
import { CannotRun, EXIT, runPlan, type Io } from './run-plan';

const io: Io = {
  err: (line) => process.stderr.write(`[qwenfit] ${line}\n`),
  out: (text) => process.stdout.write(text),
  env: process.env,
};

const program = new Command()
  .name('qwenfit')
  .description('Runs Qwenfit evaluation plans headless, in Chromium with WebGPU, through the app itself.')
  .exitOverride((e) => process.exit(e.exitCode === 0 ? 0 : EXIT.cannotRun));

program
  .command('run')
  .description(
    'Run PLAN.json (saved from the Evaluate screen) and judge it against a baseline results file. Exit 0: no regression; 1: a regression (each named on stderr); 2: could not run. API keys come from QWENFIT_KEY_<ENDPOINT ID> variables, never from a file.',
  )
  .argument('<plan>', 'the plan file (JSON)', (v: string) => {
    if (!v.endsWith('.json'))
      throw new InvalidArgumentError('a plan is a .json file saved from the Evaluate screen');
    return v;
  })
  .option('--baseline <results>', 'a results file holding an earlier run of the same plan')
  .option('--out <results>', 'write this run as a results file (History imports it; the next --baseline)')
  .option('--junit <xml>', 'write the verdicts as JUnit XML for CI')
  .option(
    '--report <html>',
    'write one self-contained HTML report (tables, charts, decision, verdicts; no script)',
  )
  .option('--headed', 'show the browser')
  .option(
    '--browser <ws>',
    'run on a Playwright browser server (npx playwright run-server, or chromium.launchServer on the device), as ws://HOST:PORT/… or NAME=ws://…; repeat for more devices: each runs the on-device candidates, the first also the remote ones',
    (v: string, all: string[]) => [...all, v],
    [] as string[],
  )
  .action(
    async (
      plan: string,
      opts: {
        baseline?: string;
        out?: string;
        junit?: string;
        report?: string;
        headed?: boolean;
        browser: string[];
      },
    ) => {
      try {
        process.exitCode = await runPlan({ plan, ...opts, browsers: opts.browser }, io);
      } catch (e) {
        io.err(
          e instanceof CannotRun
            ? `could not run: ${e.message}`
            : `could not run: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
        );
        process.exitCode = EXIT.cannotRun;
      }
    },
  );

await program.parseAsync();
