/** Bounds of a webhook's settings; the DTOs, the validators and the docs read them from here. */
export const WEBHOOK_LIMITS = {
  nameMaxLength: 100,
  descriptionMaxLength: 1_000,
  urlMaxLength: 2_048,
  maxEventPatterns: 100,
  maxMetadataKeys: 50,
  metadataKeyMaxLength: 40,
  metadataValueMaxLength: 500,
  metadataMaxBytes: 8_192,
  maxHeaders: 20,
  headerNameMaxLength: 64,
  headerValueMaxLength: 1_024,
  minTimeoutSeconds: 1,
  maxTimeoutSeconds: 60,
  maxRateLimitPerSecond: 10_000,
  maxConcurrency: 1_000,
  credentialMaxLength: 1_024,
  usernameMaxLength: 200,
  /** PEM text of the client certificate (leaf and intermediates) and of its private key. */
  tlsCertificateMaxLength: 16_384,
  tlsPrivateKeyMaxLength: 16_384,
  tlsCaBundleMaxLength: 65_536,
  /** Certificates in one PEM field (a chain, or a CA bundle). */
  tlsMaxCertificates: 10,
  /** An OAuth2 `scope` or `audience`. */
  oauth2ParameterMaxLength: 1_024,
  /** A week: the longest a rotated-out signing secret keeps being signed with. */
  maxSecretGraceSeconds: 604_800,
  /** Rotated-out secrets still signed with at once; older ones end early, bounding the signature header. */
  maxRetiringSecrets: 4,
} as const;
