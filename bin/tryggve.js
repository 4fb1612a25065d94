#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so `npx tryggve` needs no compile step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
