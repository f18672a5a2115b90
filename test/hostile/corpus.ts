// Inputs people (or attackers) send: each must get a clear typed error or a harmless answer.

export const HOSTILE_INPUTS: string[] = [
  'x'.repeat(5000),
  'Radebeul\u0000; DROP',
  'Rade\u0007beul\u001b[31m',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '**bold** _x_ [link](javascript:alert(1)) @everyone @room',
  "' OR 1=1 --",
  '") MATCH (n) DETACH DELETE n //',
  '$where: {} } }',
  'R\u0430debeul', // Cyrillic а: a look-alike
  'Ra\u200bdebeul', // zero-width space
  '\u202eluebedaR', // right-to-left override
  '🙂🙂🙂',
  '',
  '   ',
  '%_\\',
  '{"__proto__": {"admin": true}}',
  'constructor',
  // Markdown written into articles (issue 18)
  '[Klick](javascript:alert(1))',
  '[Klick]( JaVaScRiPt:alert(1) )',
  '![Bild](javascript:alert(1))',
  '<a href="javascript:alert(1)">x</a>',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<svg onload=alert(1)>',
  '<iframe src="https://evil.example"></iframe>',
  '[x](https://example.org "title\" onmouseover=\"alert(1)")',
];
