import { useTitle } from './use-title.js';

/** A page the user's profile does not open; the server would refuse its requests anyway. */
export function NoAccess({ title, what }: { title: string; what: string }) {
  useTitle(title);
  return (
    <section className="panel empty">
      <h1>{title}</h1>
      <p>Your profile does not include {what}. Ask an administrator if you need it.</p>
    </section>
  );
}
