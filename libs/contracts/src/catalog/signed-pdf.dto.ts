import { DocumentSigner } from './common.dto';
import { IsHttpsUrl, IsNestedList, IsTimestamp } from './field-decorators';

/** A signed PDF and who signed it; the end of the `data` of every document-signed event. */
export class SignedPdf {
  /** Where to download the signed PDF. */
  @IsHttpsUrl()
  url!: string;

  /** Every party who signed, in signing order. */
  @IsNestedList(() => DocumentSigner, 1, 50)
  signers!: DocumentSigner[];

  /** When the last party signed. */
  @IsTimestamp()
  completedAt!: string;
}
