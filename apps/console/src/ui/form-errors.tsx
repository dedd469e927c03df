import { Alert } from './alert.js';

/** Mistakes or refusals one per line, without a heading. */
export function ErrorList({ errors }: { errors: readonly string[] }) {
  if (errors.length === 0) return null;
  return (
    <Alert>
      <ul className="plain">
        {errors.map((error) => (
          <li key={error}>{error}</li>
        ))}
      </ul>
    </Alert>
  );
}

/** A form's mistakes, all at once; one sentence alone when there is only one. */
export function FormErrors({ errors }: { errors: readonly string[] }) {
  if (errors.length === 0) return null;
  return (
    <Alert>
      {errors.length === 1 ? (
        errors[0]
      ) : (
        <>
          Check the form:
          <ul>
            {errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        </>
      )}
    </Alert>
  );
}
