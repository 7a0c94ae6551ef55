// A rough "which browser on which system" from a User-Agent header, for the list of one's sessions.
// Only the families people recognise; anything else is shown as unknown.

export interface BrowserDescription {
	browser: string | null;
	system: string | null;
}

const BROWSERS: [RegExp, string][] = [
	[/\bEdg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
	[/\bOPR\/(\d+)/, 'Opera'],
	[/\bSamsungBrowser\/(\d+)/, 'Samsung Internet'],
	[/\bFirefox\/(\d+)/, 'Firefox'],
	[/\bFxiOS\/(\d+)/, 'Firefox'],
	[/\bCriOS\/(\d+)/, 'Chrome'],
	[/(?:\b|Headless)Chrom(?:e|ium)\/(\d+)/, 'Chrome'],
	[/\bVersion\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
	[/\bcurl\/(\d+)/, 'curl']
];

const SYSTEMS: [RegExp, string][] = [
	[/\b(?:iPhone|iPad|iPod)\b/, 'iOS'],
	[/\bAndroid\b/, 'Android'],
	[/\bCrOS\b/, 'ChromeOS'],
	[/\bWindows\b/, 'Windows'],
	[/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
	[/\bLinux\b/, 'Linux']
];

export function describeUserAgent(userAgent: string): BrowserDescription {
	let browser: string | null = null;
	for (const [pattern, name] of BROWSERS) {
		const match = pattern.exec(userAgent);
		if (match) {
			browser = `${name} ${match[1]}`;
			break;
		}
	}
	const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null;
	return { browser, system };
}
