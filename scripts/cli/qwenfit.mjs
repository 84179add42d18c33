#!/usr/bin/env node
// The command-line entry (package.json "bin"): TypeScript sources run through tsx, so the
// runner shares the app's own modules (plan checks, statistics, verdicts) without a build.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
