// Why this file exists: the entry point. It loads the styles, installs the test-only mock
// backend when built with `--mode mock` (the production build drops that branch and the mock
// module entirely), and starts the app.

import './styles.css';
import { App } from './app';

async function boot() {
  if (import.meta.env.MODE === 'mock') {
    await import('./mock');
  }
  await new App(document.getElementById('app')!).start();
}

void boot();
