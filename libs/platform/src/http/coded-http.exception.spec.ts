import { HttpStatus } from '@nestjs/common';
import { codedHttpException } from './coded-http.exception';

class ProbeException extends codedHttpException({
  PROBE_MISSING: HttpStatus.NOT_FOUND,
  PROBE_BUSY: HttpStatus.CONFLICT,
}) {}

describe('codedHttpException', () => {
  it('carries the code and answers with the status its table gives it', () => {
    const error = new ProbeException('PROBE_BUSY', 'probe is busy');
    expect(error).toBeInstanceOf(ProbeException);
    expect(error.code).toBe('PROBE_BUSY');
    expect(error.getStatus()).toBe(HttpStatus.CONFLICT);
    expect(error.getResponse()).toEqual({ message: 'probe is busy', code: 'PROBE_BUSY' });
    expect(new ProbeException('PROBE_MISSING', 'no probe').getStatus()).toBe(HttpStatus.NOT_FOUND);
  });
});
