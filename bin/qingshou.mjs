#!/usr/bin/env node
// The `qingshou` command. Sources are TypeScript, compiled on load by tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
