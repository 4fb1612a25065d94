/** What other features use of imports: reading a CSV or XLSX file by its columns. */
export { discardRest, readMappedRows } from './read-file.ts';
