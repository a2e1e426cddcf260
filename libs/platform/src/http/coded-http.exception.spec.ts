import { HttpStatus } from '@nestjs/common';
import { codedHttpException } from './coded-http.exception';

enum ProbeErrorCode {
  Missing = 'PROBE_MISSING',
  Busy = 'PROBE_BUSY',
}

class ProbeException extends codedHttpException<ProbeErrorCode>({
  [ProbeErrorCode.Missing]: HttpStatus.NOT_FOUND,
  [ProbeErrorCode.Busy]: HttpStatus.CONFLICT,
}) {}

describe('codedHttpException', () => {
  it('carries the code and answers with the status the feature gave it', () => {
    const error = new ProbeException(ProbeErrorCode.Busy, 'probe is busy');
    expect(error).toBeInstanceOf(ProbeException);
    expect(error.code).toBe('PROBE_BUSY');
    expect(error.getStatus()).toBe(HttpStatus.CONFLICT);
    expect(error.getResponse()).toEqual({ message: 'probe is busy', code: 'PROBE_BUSY' });
  });
});
