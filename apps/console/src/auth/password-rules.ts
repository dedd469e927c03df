import { PASSWORD_MIN_LENGTH } from '@pons/protocol';

export interface PasswordRule {
  text: string;
  met: boolean;
}

/**
 * The server's password policy, checked as the user types so they see what is missing. The
 * server stays the judge: its refusal message is shown when it disagrees.
 */
export function passwordRules(password: string, username: string): PasswordRule[] {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  return [
    { text: `At least ${PASSWORD_MIN_LENGTH} characters`, met: password.length >= PASSWORD_MIN_LENGTH },
    { text: 'Three of: lower case, upper case, digits, symbols', met: classes >= 3 },
    { text: 'Does not contain your user name', met: password !== '' && !password.toLowerCase().includes(username.toLowerCase()) },
  ];
}
