import { PasswordInput } from '@mantine/core';

export interface NewPassword {
  password: string;
  repeat: string;
}

export const samePassword = (value: NewPassword) => value.password === value.repeat;

/** A new password typed twice; `error` is the server's word on the first. */
export function NewPasswordInputs({
  value,
  onChange,
  error,
  checked,
  label = 'New password',
}: {
  value: NewPassword;
  onChange: (value: NewPassword) => void;
  error?: string;
  /** set once the form was submitted, to show a mismatch */
  checked: boolean;
  label?: string;
}) {
  return (
    <>
      <PasswordInput
        label={label}
        description="At least 10 characters"
        autoComplete="new-password"
        required
        value={value.password}
        onChange={(e) => onChange({ ...value, password: e.currentTarget.value })}
        error={error}
      />
      <PasswordInput
        label={`${label} again`}
        autoComplete="new-password"
        required
        value={value.repeat}
        onChange={(e) => onChange({ ...value, repeat: e.currentTarget.value })}
        error={checked && !samePassword(value) ? 'The two passwords differ' : undefined}
      />
    </>
  );
}
