/**
 * What an uploaded certificate really is, from its first bytes (never from its name or the
 * type the browser claims). Only PDF, PNG and JPEG are accepted. Pure.
 */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

export type EvidenceType = 'application/pdf' | 'image/png' | 'image/jpeg';

const SIGNATURES: readonly [EvidenceType, readonly number[]][] = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
];

export function sniffEvidenceType(bytes: Uint8Array): EvidenceType | null {
  for (const [type, signature] of SIGNATURES) {
    if (bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte))
      return type;
  }
  return null;
}
