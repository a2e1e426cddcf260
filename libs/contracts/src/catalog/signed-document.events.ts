import { SignedPdf } from './signed-pdf.dto';
import { defineEventType } from './define-event-type';
import type { EventTypeDefinition } from './event-type-definition';
import { IsIdentifier, IsText, Nullable } from './field-decorators';

/** The `data` of `signed_document.signed`: a document uploaded for signature, now signed by every party. */
export class SignedDocumentSignedData extends SignedPdf {
  /** The signed document's id. */
  @IsIdentifier()
  id!: string;

  /** The CRM job the document belongs to, or null. */
  @Nullable()
  @IsIdentifier()
  jobId!: string | null;

  /** The document's title. */
  @IsText(200)
  name!: string;

  /** The signed file's name. */
  @IsText(255)
  fileName!: string;
}

export const SIGNED_DOCUMENT_EVENTS: readonly EventTypeDefinition[] = [
  defineEventType({
    type: 'signed_document.signed',
    resource: 'signed_document',
    description: 'A document uploaded for signature was signed by all parties.',
    dataClass: SignedDocumentSignedData,
    example: {
      id: 'sdoc_6f0d2',
      jobId: 'job_8f2c1',
      name: 'Material order authorization',
      fileName: 'material-order-authorization-signed.pdf',
      url: 'https://files.summitroofing.com/jobs/job_8f2c1/signed/sdoc_6f0d2.pdf',
      signers: [
        {
          name: 'Maria Alvarez',
          email: 'maria.alvarez@example.com',
          role: 'customer',
          signedAt: '2026-11-22T09:41:17.000Z',
        },
        {
          name: 'Dana Whitfield',
          email: 'dana@summitroofing.com',
          role: 'contractor',
          signedAt: '2026-11-22T10:00:00.000Z',
        },
      ],
      completedAt: '2026-11-22T10:00:00.000Z',
    },
  }),
];
