import { describe, expect, it } from 'vitest';
import { actionNames, readRouteTree } from '../support/route-tree';

describe('the route tree the authorisation matrix checks', () => {
	it('reads action names from a plain object and from one wrapped in a call', () => {
		expect(actionNames('export const actions = { save, async publish(event) { return { a: 1 }; }, "x-y": go };')).toEqual(['save', 'publish', 'x-y']);
		expect(actionNames('export const actions: Actions = postRedirectGet({ default: async () => {}, other });')).toEqual(['default', 'other']);
	});

	it('refuses what it cannot read, so that no action goes unseen', () => {
		expect(() => actionNames('export const actions = { ...shared, save };')).toThrow(/cannot read/);
	});

	it('finds the actions of the pages whose actions post, redirect and get', () => {
		const login = readRouteTree().find((node) => node.id === '/(auth)/login');
		expect(login?.actions).toEqual(['default']);
	});
});
