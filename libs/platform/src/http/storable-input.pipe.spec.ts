import { BadRequestException } from '@nestjs/common';
import { StorableInputPipe } from './storable-input.pipe';

describe(StorableInputPipe.name, () => {
  const pipe = new StorableInputPipe();

  const refusal = (run: () => unknown): string[] => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(BadRequestException);
      return ((error as BadRequestException).getResponse() as { message: string[] }).message;
    }
    throw new Error('expected a refusal');
  };

  it('lets storable values through unchanged', () => {
    const body = { name: 'hook', metadata: { team: 'crm' } };
    expect(pipe.transform(body, { type: 'body' })).toBe(body);
    expect(pipe.transform('wh_1', { type: 'param', data: 'id' })).toBe('wh_1');
  });

  it('names the body field, the query parameter and the path parameter', () => {
    expect(refusal(() => pipe.transform({ metadata: { a: 'x\u0000' } }, { type: 'body' }))).toEqual([
      'metadata.a must not contain the NUL character (\\u0000)',
    ]);
    expect(refusal(() => pipe.transform({ webhookId: 'a\u0000' }, { type: 'query' }))).toEqual([
      'query parameter webhookId must not contain the NUL character (\\u0000)',
    ]);
    expect(refusal(() => pipe.transform('\u0000', { type: 'param', data: 'id' }))).toEqual([
      'path parameter id must not contain the NUL character (\\u0000)',
    ]);
  });

  it('leaves values of custom decorators (the caller, the organization) alone', () => {
    expect(pipe.transform('\u0000', { type: 'custom' })).toBe('\u0000');
  });
});
