// Why this file exists: Vite builds the UI that Tauri serves (ui/dist) and runs the
// dev server Tauri points at (port 1420). `--mode mock` adds the test-only mock backend.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  base: './',
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  preview: { port: 1421, strictPort: false },
  build: {
    outDir: 'dist',
    target: 'es2021',
    sourcemap: false,
  },
  test: {
    environment: 'happy-dom',
    include: ['tests/**/*.test.ts'],
  },
});
