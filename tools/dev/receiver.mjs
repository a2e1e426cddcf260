// A local webhook endpoint for trying Hookline: prints every delivery and, given the
// webhook's secret (WEBHOOK_SECRET=whsec_…), checks its Standard Webhooks signature.
import { createServer } from 'node:http';
import { Webhook } from 'standardwebhooks';

const port = Number(process.env.RECEIVER_PORT ?? 4000);
const secret = process.env.WEBHOOK_SECRET;
const verifier = secret ? new Webhook(secret.replace(/^whsec_/, '')) : null;

createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    let verdict = 'signature not checked (set WEBHOOK_SECRET to check it)';
    if (verifier) {
      try {
        verifier.verify(body, req.headers);
        verdict = 'signature verified';
      } catch (error) {
        verdict = `signature INVALID: ${error.message}`;
      }
    }
    console.log(
      `\n${new Date().toISOString()} ${req.method} ${req.url}  webhook-id=${req.headers['webhook-id']}  ${verdict}`,
    );
    console.log(body);
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  });
}).listen(port, '127.0.0.1', () => console.log(`receiver listening on http://127.0.0.1:${port}`));
