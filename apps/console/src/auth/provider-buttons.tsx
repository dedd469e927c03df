import { useState } from 'react';
import type { LoginMethods } from '@pons/protocol';
import { oidcStartUrl } from './login-links.js';

type Provider = LoginMethods['providers'][number];

/** One button per single sign-on provider; each leaves the console for the provider's login page. */
export function ProviderButtons({ providers, returnTo }: { providers: Provider[]; returnTo: string }) {
  if (providers.length === 0) return null;
  return (
    <div className="sso" role="group" aria-label="Single sign-on">
      <p className="sso-or" aria-hidden="true">
        <span>or</span>
      </p>
      {providers.map((provider) => (
        <button
          key={provider.id}
          type="button"
          className="sso-button"
          onClick={() => window.location.assign(oidcStartUrl(provider.id, returnTo))}
        >
          {provider.logoUrl && <Logo url={provider.logoUrl} />}
          Log in with {provider.name}
        </button>
      ))}
    </div>
  );
}

/** Decorative: the button's name says the provider. Hidden when the image cannot be loaded. */
function Logo({ url }: { url: string }) {
  const [failed, setFailed] = useState(false);
  if (failed) return null;
  return <img src={url} alt="" width={20} height={20} onError={() => setFailed(true)} />;
}
