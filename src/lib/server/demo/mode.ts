// Demo mode and the demo's fixed names, kept apart from the demo builder so that command-line scripts
// (`npm run demo:remove`, run by tsx outside Vite) can read them without loading the demo's files.

/** Every demo account has this password; it is printed at start-up in demo mode only. */
export const DEMO_PASSWORD = 'polyphony-demo';
export const DEMO_SLUG = 'code-of-conduct';

/** POLYPHONY_DEMO=1 (set by `npm start` unless you say otherwise). */
export function demoMode(): boolean {
	return process.env.POLYPHONY_DEMO === '1' || process.env.POLYPHONY_DEMO === 'true';
}

/**
 * Whether this account is refused: demo accounts (users.is_demo) have a password everyone can read,
 * so they log in, and their sessions count, only while demo mode is on.
 */
export function demoAccountRefused(user: { isDemo: boolean }): boolean {
	return user.isDemo && !demoMode();
}
