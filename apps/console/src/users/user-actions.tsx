import { useState, type FormEvent } from 'react';
import type { UpdateUserRequest, UserSummary } from '@pons/protocol';
import { adminApi } from '../admin-api.js';
import { navigate } from '../router.js';
import { adminPath } from '../routes.js';
import { Alert } from '../ui/alert.js';
import { ConfirmButton } from '../ui/confirm-button.js';
import { FormErrors } from '../ui/form-errors.js';
import { TextField } from '../ui/text-field.js';
import { useSubmit } from '../ui/use-submit.js';

/** Disable or enable, new password, second factor reset, every session ended, deletion. */
export function UserActions({ user, onChanged }: { user: UserSummary; onChanged: (user: UserSummary) => void }) {
  const [password, setPassword] = useState('');
  const { busy, errors, done, run: act } = useSubmit();

  const update = (body: UpdateUserRequest, said: string) =>
    act(async () => {
      onChanged(await adminApi.updateUser(user.id, body));
      return said;
    });

  function resetPassword(event: FormEvent) {
    event.preventDefault();
    void update({ password }, 'Password reset: the user must choose a new one at next login.').then((ok) => ok && setPassword(''));
  }

  return (
    <section className="panel stack-form" aria-labelledby="user-actions-title">
      <h3 id="user-actions-title">Account</h3>
      <FormErrors errors={errors} />
      {done && <Alert kind="success">{done}</Alert>}
      <div className="form-row">
        {user.disabled ? (
          <button type="button" disabled={busy} onClick={() => void update({ disabled: false }, 'The account is enabled.')}>
            Enable account
          </button>
        ) : (
          <button
            type="button"
            disabled={busy}
            onClick={() => void update({ disabled: true }, 'The account is disabled: it can no longer log in.')}
          >
            Disable account
          </button>
        )}
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void act(async () => {
              await adminApi.logOutUserEverywhere(user.id);
              return `Every session of ${user.username} has ended.`;
            })
          }
        >
          Log out everywhere
        </button>
        {user.totpEnabled && (
          <ConfirmButton
            label="Reset second factor"
            confirm="Reset it now"
            small={false}
            onConfirm={async () => {
              await update({ resetSecondFactor: true }, 'Second factor removed: the user can set up a new one.');
            }}
          />
        )}
      </div>
      {user.source === 'local' && (
        <form className="form-row" onSubmit={resetPassword}>
          <TextField
            label="New password"
            name="reset-password"
            type="password"
            autoComplete="new-password"
            required
            maxLength={1024}
            value={password}
            onChange={setPassword}
          />
          <button type="submit" disabled={busy || !password}>
            Reset password
          </button>
        </form>
      )}
      <div className="form-row danger-zone">
        <span className="muted">Deleting an account cannot be undone.</span>
        <ConfirmButton
          label="Delete user"
          confirm="Delete now"
          small={false}
          onConfirm={async () => {
            const deleted = await act(async () => {
              await adminApi.deleteUser(user.id);
              return 'Deleted.';
            });
            if (deleted) navigate(adminPath('users'));
          }}
        />
      </div>
    </section>
  );
}
