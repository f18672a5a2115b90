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
];
