/** A webhook's OAuth2 client in clear, as delivery calls its token endpoint with it. */
export interface OAuth2Client {
  /** Changes whenever any field below does: cached tokens of another key are not used. */
  credentialKey: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string | null;
  audience: string | null;
}
