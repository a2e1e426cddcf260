import type { CreatePortalSessionDto } from './dto/create-portal-session.dto';

/**
 * The portal's address with the token in the fragment: browsers do not send fragments to servers,
 * so the token stays out of access logs and `Referer` headers.
 */
export function portalSessionUrl(publicUrl: string, token: string, options: CreatePortalSessionDto): string {
  const fragment = new URLSearchParams({ session: token });
  if (options.brandName) {
    fragment.set('brandName', options.brandName);
  }
  if (options.brandColor) {
    fragment.set('brandColor', options.brandColor);
  }
  if (options.locale) {
    fragment.set('locale', options.locale);
  }
  const url = new URL(publicUrl);
  url.hash = fragment.toString();
  return url.toString();
}
