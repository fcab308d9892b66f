/**
 * Passwords of 12+ characters that appear near the top of public breach corpora; anything on this
 * list is refused at account creation. Kept short on purpose: length does most of the work.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456789012', '1234567890123', '12345678901234', '123123123123', '111111111111', '000000000000',
  'qwertyuiopas', 'qwerty123456', '123456qwerty', '1q2w3e4r5t6y', '1qaz2wsx3edc', 'qazwsxedcrfv',
  'password1234', 'password12345', 'password123!', 'passw0rd1234', 'p@ssw0rd1234', 'p@ssword1234',
  'iloveyou1234', 'letmein12345', 'welcome12345', 'welcome123456', 'admin1234567', 'administrator',
  'changeme1234', 'football1234', 'baseball1234', 'sunshine1234', 'princess1234', 'starwars1234',
  'abcdefghijkl', 'abc123456789', 'aaaaaaaaaaaa', 'trustno11234', 'superman1234', 'michael12345',
  'qwertyuiop12', 'asdfghjkl123', 'zxcvbnm12345', 'passwordpassword', 'monkey123456', 'dragon123456',
]);
