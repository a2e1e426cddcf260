// A Hookline receiver with Express: verifies each delivery with the Standard Webhooks library and
// handles each event once, by its webhook-id (Hookline retries, so a delivery can arrive more than once).
import express from 'express';
import { Webhook } from 'standardwebhooks';

const verifier = new Webhook(process.env.WEBHOOK_SECRET.replace(/^whsec_/, ''));
// A real receiver keeps these where its own writes go (a unique key in its database).
const handled = new Set();
const report = (fields) => console.log(JSON.stringify(fields));

const app = express();
// The raw bytes, not parsed JSON: a body serialised again no longer matches its signature.
app.post('/hooks', express.raw({ type: '*/*', limit: '1mb' }), (req, res) => {
  const id = req.get('webhook-id');
  let event;
  try {
    event = verifier.verify(req.body.toString('utf8'), req.headers);
  } catch (error) {
    report({ refused: id, reason: error.message });
    return res.status(401).send('invalid signature');
  }
  if (handled.has(id)) {
    report({ duplicate: id });
    return res.status(200).end();
  }
  handled.add(id);
  report({ handled: id, type: event.type });
  res.status(204).end();
});

const port = Number(process.env.PORT ?? 4000);
app.listen(port, '127.0.0.1', () => report({ listening: `127.0.0.1:${port}` }));
