/** What other parts of the server may use of the start page's feature: the managers' roll-up. */
export { managerRollup } from './rollup.ts';
