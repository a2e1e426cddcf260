import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RESOURCES } from './catalog';
import { RETRY_TIERS, Topics, domainTopic, retryTopic } from './topics';

interface TopicSpec {
  name: string;
  partitions: number;
  config?: Record<string, string>;
}

const infraTopics: TopicSpec[] = (
  JSON.parse(readFileSync(path.resolve(__dirname, '../../../tools/infra/topics.json'), 'utf8')) as {
    topics: TopicSpec[];
  }
).topics;

describe('topics of the contracts and of the local infrastructure', () => {
  const names = new Set(infraTopics.map((topic) => topic.name));

  it.each(RESOURCES.map((resource) => domainTopic(resource)))('creates the domain topic %s', (topic) => {
    expect(names).toContain(topic);
  });

  it.each([...Object.values(Topics), ...RETRY_TIERS.map((tier) => retryTopic(tier.name))])(
    'creates %s',
    (topic) => {
      expect(names).toContain(topic);
    },
  );

  it.each([
    Topics.subscriptions,
    Topics.apiKeys,
    Topics.backfills,
    Topics.backfillProgress,
    Topics.deliveryDefaults,
  ])('keeps %s compacted', (topic) => {
    expect(infraTopics.find((spec) => spec.name === topic)?.config?.['cleanup.policy']).toBe('compact');
  });
});
