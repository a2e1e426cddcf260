import { plainToInstance } from 'class-transformer';
import {
  IsArray,
  IsBase64,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { flattenValidationErrors, validateInstance } from './validation';

/**
 * The frames of the `hookline listen` relay: a WebSocket between the CLI and subscription-service, over
 * which deliveries to a temporary webhook travel to the developer's machine and its answers come back.
 * Every frame is one JSON text message.
 */
export const RELAY_PATH = '/v1/relay';

/**
 * Headers of one HTTP hop, not of the delivery: the relay leaves them out of the frame it passes on, and
 * the CLI out of the request it makes to the local endpoint (its HTTP client sets them again).
 */
export const RELAY_HOP_HEADERS: ReadonlySet<string> = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'expect',
]);

/** Server → CLI, once: the temporary webhook is in place. */
export class RelayReadyFrame {
  @IsIn(['ready'])
  type!: 'ready';

  @IsString()
  webhookId!: string;

  @IsString()
  url!: string;

  @IsArray()
  @IsString({ each: true })
  events!: string[];

  /** The temporary webhook's `whsec_…`, so the local server can verify what it receives. */
  @IsString()
  signingSecret!: string;
}

/** Server → CLI: one delivery, with the headers and the exact body delivery-service sent. */
export class RelayDeliveryFrame {
  @IsIn(['delivery'])
  type!: 'delivery';

  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  requestId!: string;

  @IsObject()
  headers!: Record<string, string>;

  /** Base64 of the exact bytes delivery-service signed and sent. */
  @IsBase64()
  body!: string;
}

/** CLI → server: the local endpoint's answer to a delivery, or why there was none. */
export class RelayResponseFrame {
  @IsIn(['response'])
  type!: 'response';

  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  requestId!: string;

  /** null when the local endpoint gave no answer; `error` says why. */
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(100)
  @Max(599)
  status!: number | null;

  @IsObject()
  headers!: Record<string, string>;

  /** Base64 of the answer's body; the relay keeps at most what the attempt log keeps. */
  @IsBase64()
  @MaxLength(2 * 1024 * 1024)
  body!: string;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(2_000)
  error?: string | null;
}

export type RelayServerFrame = RelayReadyFrame | RelayDeliveryFrame;

const SERVER_FRAMES = { ready: RelayReadyFrame, delivery: RelayDeliveryFrame } as const;

export type RelayFrameParse<T> = { ok: true; frame: T } | { ok: false; errors: string[] };

/** A frame the CLI received, validated. */
export function parseRelayServerFrame(text: string): RelayFrameParse<RelayServerFrame> {
  return parseFrame<RelayServerFrame>(text, SERVER_FRAMES);
}

/** A frame the relay received from the CLI, validated. */
export function parseRelayResponseFrame(text: string): RelayFrameParse<RelayResponseFrame> {
  return parseFrame<RelayResponseFrame>(text, { response: RelayResponseFrame });
}

function parseFrame<T extends object>(
  text: string,
  classes: Record<string, new () => T>,
): RelayFrameParse<T> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, errors: ['frame is not JSON'] };
  }
  const type = (value as { type?: unknown } | null)?.type;
  const frameClass = typeof type === 'string' && Object.hasOwn(classes, type) ? classes[type] : undefined;
  if (frameClass === undefined) {
    return { ok: false, errors: [`frame type must be one of ${Object.keys(classes).join(', ')}`] };
  }
  const frame = plainToInstance(frameClass, value);
  const errors = flattenValidationErrors(validateInstance(frame));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, frame };
}
