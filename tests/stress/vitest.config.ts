// `npm run test:stress`: the slow tests (a crash under load, a minute of load) against the built
// server (build/, or build-$POLYPHONY_BUILD/: run `npm run build` first). Kept out of `npm test`;
// .ci/run runs them after it.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	root: fileURLToPath(new URL('../..', import.meta.url)),
	test: {
		name: 'stress',
		include: ['tests/stress/**/*.test.ts'],
		testTimeout: 600_000,
		hookTimeout: 120_000,
		fileParallelism: false
	}
});
