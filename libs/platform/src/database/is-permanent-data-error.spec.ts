import { isPermanentDataError } from './is-permanent-data-error';

describe(isPermanentDataError.name, () => {
  it.each([
    ['an unstorable character', { code: '22P05' }],
    ['an integer out of range', { code: '22003' }],
    ['a date out of range', { code: '22008' }],
    ['a constraint violated', { code: '23505' }],
    ['a row too large', { code: '54000' }],
    ['one statement upserting a row twice', { code: '21000' }],
    ['a driver error wrapped by TypeORM', { driverError: { code: '22021' } }],
    ['an instant that does not exist', new RangeError('Invalid time value')],
  ])('is permanent for %s', (_, error) => {
    expect(isPermanentDataError(error)).toBe(true);
  });

  it.each([
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['an administrator shutdown', { code: '57P01' }],
    ['a deadlock', { code: '40P01' }],
    ['a serialization failure', { code: '40001' }],
    ['too many connections', { code: '53300' }],
    ['a node error code', { code: 'ECONNREFUSED' }],
    ['a type error (a bug, not data)', new TypeError('x is undefined')],
    ['nothing', undefined],
  ])('is not permanent for %s', (_, error) => {
    expect(isPermanentDataError(error)).toBe(false);
  });
});
