/** What other features use of imports: taking a file, reading a CSV or XLSX file by its columns. */
export { acceptFileBodies, fileStream } from './file-body.ts';
export { discardRest, readMappedRows } from './read-file.ts';
