// What the machine and the server process used, from Linux's /proc (NaN elsewhere): other work on
// the machine skews every figure, so the report says how much CPU it took meanwhile.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

export interface CpuSnapshot {
	at: number;
	/** Busy clock ticks of the whole machine, of the server, and this process's CPU time in µs. */
	machine: number;
	server: number;
	own: number;
}

/** CPU time used so far (Linux /proc; NaN elsewhere). */
export function cpuSnapshot(serverPid: number | undefined): CpuSnapshot {
	const at = performance.now();
	const own = process.cpuUsage();
	try {
		// cpu  user nice system idle iowait irq softirq steal …
		const t = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
		const machine = t[0] + t[1] + t[2] + t[5] + t[6] + (t[7] ?? 0);
		const fields = readFileSync(`/proc/${serverPid}/stat`, 'utf8').split(') ')[1].split(' ');
		return { at, machine, server: Number(fields[11]) + Number(fields[12]), own: own.user + own.system };
	} catch {
		return { at, machine: NaN, server: NaN, own: own.user + own.system };
	}
}

/** The share of the machine's CPU (%) used by processes other than the server and this one between two snapshots. */
export function otherCpuShare(a: CpuSnapshot, b: CpuSnapshot): number {
	const tick = 10; // ms per clock tick (USER_HZ = 100 on Linux)
	const capacity = ((b.at - a.at) / tick) * cpus().length;
	const others = b.machine - a.machine - (b.server - a.server) - (b.own - a.own) / 1000 / tick;
	return Math.max(0, (others / capacity) * 100);
}

/** A process's peak resident memory in MB (Linux), or NaN. */
export function peakRss(pid: number | undefined): number {
	try {
		const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) / 1024 : NaN;
	} catch {
		return NaN;
	}
}

/** A process's resident memory now (MB, Linux), or NaN. */
export function currentRss(pid: number | undefined): number {
	try {
		const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) / 1024 : NaN;
	} catch {
		return NaN;
	}
}

/** A process's CPU time so far (s, Linux), or NaN. */
export function processCpuSeconds(pid: number | undefined): number {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return (Number(fields[11]) + Number(fields[12])) / 100;
	} catch {
		return NaN;
	}
}
