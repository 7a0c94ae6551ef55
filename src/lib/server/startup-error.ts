// A reason not to start the server (a broken database file, a malformed setting), written for the
// person running it: start-up prints the message alone, without a stack trace, and exits with 1.
export class StartupError extends Error {}
