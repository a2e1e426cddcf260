import {
  IsCountryCode,
  IsEmailAddress,
  IsIdentifier,
  IsText,
  IsTimestamp,
  Nullable,
} from './field-decorators';

/** A user of the producing product (camelCase resources). */
export class UserRef {
  /** The user's id in the producing product. */
  @IsIdentifier()
  id!: string;

  /** The user's display name. */
  @IsText(200)
  name!: string;

  /** The user's email address, or null when the product has none. */
  @Nullable()
  @IsEmailAddress()
  email!: string | null;
}

/** How to reach a customer or a colleague; either way of reaching them may be unknown (camelCase resources). */
export class ContactDetails {
  /** The full name, or a company name. */
  @IsText(200)
  name!: string;

  /** The email address, or null. */
  @Nullable()
  @IsEmailAddress()
  email!: string | null;

  /** The phone number as entered, or null. */
  @Nullable()
  @IsText(40)
  phone!: string | null;
}

/** A postal address (camelCase resources). */
export class PostalAddress {
  /** Street and number. */
  @IsText(200)
  line1!: string;

  /** Apartment, suite or unit, or null. */
  @Nullable()
  @IsText(200)
  line2!: string | null;

  /** City or locality. */
  @IsText(100)
  city!: string;

  /** State, province or region, or null where the country has none. */
  @Nullable()
  @IsText(100)
  region!: string | null;

  /** Postal or ZIP code, or null where the country has none. */
  @Nullable()
  @IsText(20)
  postalCode!: string | null;

  /** ISO 3166-1 alpha-2 country code, e.g. `US`. */
  @IsCountryCode()
  country!: string;
}

/** One party who signed a document. */
export class DocumentSigner {
  /** The signer's full name as signed. */
  @IsText(200)
  name!: string;

  /** The signer's email address, or null for in-person signatures without one. */
  @Nullable()
  @IsEmailAddress()
  email!: string | null;

  /** The signer's role on the document (e.g. `customer`, `contractor`), or null. */
  @Nullable()
  @IsText(60)
  role!: string | null;

  /** When this party signed. */
  @IsTimestamp()
  signedAt!: string;
}
