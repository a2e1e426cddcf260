import { CliError } from '../output/cli-error';
import { serviceUrls } from './service-urls';

describe(serviceUrls.name, () => {
  it('puts ingest and audit on the next two ports of a local stack', () => {
    expect(serviceUrls({ url: 'http://localhost:3000/' })).toEqual({
      subscriptionUrl: 'http://localhost:3000',
      ingestUrl: 'http://localhost:3001',
      auditUrl: 'http://localhost:3002',
    });
  });

  it('keeps one origin without a port (a gateway), and takes explicit URLs as given', () => {
    expect(
      serviceUrls({ url: 'https://api.hookline.example', auditUrl: 'https://log.hookline.example/base/' }),
    ).toEqual({
      subscriptionUrl: 'https://api.hookline.example',
      ingestUrl: 'https://api.hookline.example',
      auditUrl: 'https://log.hookline.example/base',
    });
  });

  it('names the option that is not a URL', () => {
    expect(() => serviceUrls({ url: 'localhost:3000' })).toThrow(CliError);
    expect(() => serviceUrls({ url: 'http://localhost:3000', ingestUrl: 'ftp://x' })).toThrow(
      '--ingest-url must be an http(s) URL',
    );
  });
});
