import { SignedPdf } from './signed-pdf.dto';
import { defineEventType } from './define-event-type';
import type { EventTypeDefinition } from './event-type-definition';
import { IsIdentifier, IsText, Nullable } from './field-decorators';

/** The `data` of `signable_document.signed`: a document generated from a template, now signed by every party. */
export class SignableDocumentSignedData extends SignedPdf {
  /** The signable document's id. */
  @IsIdentifier()
  id!: string;

  /** The template the document was generated from, or null when it was composed by hand. */
  @Nullable()
  @IsIdentifier()
  templateId!: string | null;

  /** The CRM job the document belongs to, or null. */
  @Nullable()
  @IsIdentifier()
  jobId!: string | null;

  /** The estimate the document was generated from, or null. */
  @Nullable()
  @IsIdentifier()
  estimateId!: string | null;

  /** The document's title. */
  @IsText(200)
  title!: string;
}

export const SIGNABLE_DOCUMENT_EVENTS: readonly EventTypeDefinition[] = [
  defineEventType({
    type: 'signable_document.signed',
    resource: 'signable_document',
    description: 'A document generated from a template (such as a contract) was signed by all parties.',
    dataClass: SignableDocumentSignedData,
    example: {
      id: 'sgn_a4e19',
      templateId: 'tpl_roof_contract_v4',
      jobId: 'job_8f2c1',
      estimateId: 'est_3b91d',
      title: 'Roofing contract J-1042',
      url: 'https://files.summitroofing.com/jobs/job_8f2c1/contracts/sgn_a4e19.pdf',
      signers: [
        {
          name: 'Maria Alvarez',
          email: 'maria.alvarez@example.com',
          role: 'customer',
          signedAt: '2026-11-22T09:58:03.000Z',
        },
      ],
      completedAt: '2026-11-22T09:58:03.000Z',
    },
  }),
];
