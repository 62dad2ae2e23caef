import { describe, expect, it } from 'vitest';
import { xmlSafeText } from '../../../shared/xml-text.js';

describe('xmlSafeText', () => {
  it('replaces what XML 1.0 forbids with U+FFFD and keeps everything else', () => {
    expect(xmlSafeText('a\u0000b\u0001c\u001fd\ufffee\uffff')).toBe('a\ufffdb\ufffdc\ufffdd\ufffde\ufffd');
    expect(xmlSafeText('lone \ud800 and \udc00 surrogates')).toBe('lone \ufffd and \ufffd surrogates');
    const kept = 'tab\tline\ncr\r emoji 😀 arabic مرحبا DEL\u007f C1\u0085';
    expect(xmlSafeText(kept)).toBe(kept);
  });
});
