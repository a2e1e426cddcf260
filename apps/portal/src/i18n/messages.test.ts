import { en } from './messages.en';
import { ko } from './messages.ko';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('the string catalog', () => {
  it.each(Object.keys(en) as Array<keyof typeof en>)('translates %s with the same placeholders', (key) => {
    expect(ko[key].trim()).not.toBe('');
    expect(placeholders(ko[key])).toEqual(placeholders(en[key]));
  });
});
