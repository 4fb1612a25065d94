import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sniffEvidenceType } from './evidence.ts';

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

describe('evidence type', () => {
  it('recognises PDF, PNG and JPEG by their first bytes', () => {
    expect(sniffEvidenceType(bytes('%PDF-1.7\n…'))).toBe('application/pdf');
    expect(sniffEvidenceType(bytes('\x89PNG\r\n\x1a\n....'))).toBe('image/png');
    expect(sniffEvidenceType(bytes('\xff\xd8\xff\xe0JFIF'))).toBe('image/jpeg');
  });

  it('refuses anything else, whatever it is called', () => {
    expect(sniffEvidenceType(bytes('<html><script>alert(1)</script>'))).toBeNull();
    expect(sniffEvidenceType(bytes('PK\x03\x04 a zip or a docx'))).toBeNull();
    expect(sniffEvidenceType(bytes('%PD'))).toBeNull();
    expect(sniffEvidenceType(new Uint8Array())).toBeNull();
  });

  it('property: text files are never taken for evidence', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 50 }), (text) => {
        fc.pre(!text.startsWith('%PDF-'));
        expect(sniffEvidenceType(new Uint8Array(Buffer.from(text, 'utf8')))).toBeNull();
      }),
    );
  });
});
