import { csvField, csvRow } from './csv';

describe('CSV', () => {
  it('quotes fields with commas, quotes or line breaks (RFC 4180)', () => {
    expect(csvRow(['a', 'b,c', 'say "hi"', 'two\nlines', 12, null, true])).toBe(
      'a,"b,c","say ""hi""","two\nlines",12,,true\r\n',
    );
  });

  it('keeps free text from becoming a spreadsheet formula, but not numbers', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+1 555')).toBe("'+1 555");
    expect(csvField('@sum')).toBe("'@sum");
    expect(csvField(-5)).toBe('-5');
  });
});
