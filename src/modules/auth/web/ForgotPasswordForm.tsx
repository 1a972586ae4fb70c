import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, apiRequest, fieldErrorMap } from '../../../web/api/http';

/**
 * "Forgot password?": asks for a reset link by email. The answer is the same whether or not the
 * address belongs to anyone, so the page says what happens in either case.
 */
export function ForgotPasswordForm({ email, onBack }: { email: string; onBack: () => void }) {
  const [address, setAddress] = useState(email);
  const request = useMutation({
    mutationFn: () =>
      apiRequest<void>('/auth/password-reset/request', { method: 'POST', body: { email: address } }),
  });
  const errors = fieldErrorMap(request.error);
  const back = (
    <Anchor component="button" type="button" size="sm" onClick={onBack}>
      Back to sign-in
    </Anchor>
  );
  if (request.isSuccess)
    return (
      <Stack>
        <Alert color="green" role="status">
          <Text fw={600} size="sm">
            Check your email
          </Text>
          If {address} belongs to an account whose workspace sends email, a reset link is on its way. It works
          once, within a day.
        </Alert>
        <Text size="sm">
          No email after a few minutes? Your workspace may not send email: ask one of its admins for a
          password reset link (Admin › Users › your name › Password reset link).
        </Text>
        {back}
      </Stack>
    );
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        request.mutate();
      }}
    >
      <Stack>
        <Text size="sm">Enter the email you sign in with: we send you a link to choose a new password.</Text>
        {request.error instanceof ApiError && !request.error.fieldErrors.length && (
          <Alert color="red" role="alert">
            {request.error.status === 0
              ? 'Cannot reach the server. Check your connection and try again.'
              : request.error.message}
          </Alert>
        )}
        <TextInput
          label="Email"
          type="email"
          required
          autoComplete="email"
          autoFocus
          value={address}
          onChange={(e) => setAddress(e.currentTarget.value)}
          error={errors.email}
        />
        <Button type="submit" loading={request.isPending} fullWidth>
          Email me a reset link
        </Button>
        {back}
      </Stack>
    </form>
  );
}
