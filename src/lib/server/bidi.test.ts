import { describe, expect, it } from 'vitest';
import { balanceBidi, hasEdgeDirectionMarks } from './bidi';

const LRE = '\u202A', RLE = '\u202B', PDF = '\u202C', LRO = '\u202D', RLO = '\u202E';
const LRI = '\u2066', RLI = '\u2067', FSI = '\u2068', PDI = '\u2069';

describe('balanceBidi', () => {
	it('leaves text without direction controls, and balanced text, as it is', () => {
		for (const text of ['plain text', 'نص عربي with English', `a ${RLO}b${PDF} c`, `${RLI}x${PDI} and ${LRE}y${PDF}`, `${FSI}${RLO}z${PDF}${PDI}`, 'a\u200Fb\u200E']) {
			expect(balanceBidi(text)).toBe(text);
		}
	});

	it('closes an override, embedding or isolate left open at the end of the text', () => {
		expect(balanceBidi(`evil ${RLO}gnp.exe`)).toBe(`evil ${RLO}gnp.exe${PDF}`);
		expect(balanceBidi(`${RLI}${LRO}x`)).toBe(`${RLI}${LRO}x${PDF}${PDI}`);
		expect(balanceBidi(`${LRE}${RLE}${FSI}deep`)).toBe(`${LRE}${RLE}${FSI}deep${PDI}${PDF}${PDF}`);
	});

	it('closes what is open at each line break, so that no line runs into the next', () => {
		expect(balanceBidi(`one ${RLO}two\nthree ${PDF}four`)).toBe(`one ${RLO}two${PDF}\nthree four`);
	});

	it('drops closers that close nothing', () => {
		expect(balanceBidi(`${PDF}a${PDI}b`)).toBe('ab');
		// A PDF cannot close an embedding from outside the isolate it sits in.
		expect(balanceBidi(`${RLE}a${LRI}b${PDF}c`)).toBe(`${RLE}a${LRI}bc${PDI}${PDF}`);
	});

	it('closes the embeddings inside an isolate before that isolate’s PDI', () => {
		expect(balanceBidi(`${RLI}a${RLO}b${PDI}c`)).toBe(`${RLI}a${RLO}b${PDF}${PDI}c`);
	});
});

describe('hasEdgeDirectionMarks', () => {
	it('finds LRM, RLM and ALM at either edge only', () => {
		expect(hasEdgeDirectionMarks('\u200Fname')).toBe(true);
		expect(hasEdgeDirectionMarks('name\u200E')).toBe(true);
		expect(hasEdgeDirectionMarks('\u061Cname')).toBe(true);
		expect(hasEdgeDirectionMarks('na\u200Fme')).toBe(false);
		expect(hasEdgeDirectionMarks('name')).toBe(false);
	});
});
