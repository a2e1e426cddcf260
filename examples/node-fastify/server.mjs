// A Hookline receiver with Fastify: verifies each delivery with the Standard Webhooks library and
// handles each event once, by its webhook-id (Hookline retries, so a delivery can arrive more than once).
import Fastify from 'fastify';
import { Webhook } from 'standardwebhooks';

const verifier = new Webhook(process.env.WEBHOOK_SECRET.replace(/^whsec_/, ''));
// A real receiver keeps these where its own writes go (a unique key in its database).
const handled = new Set();
const report = (fields) => console.log(JSON.stringify(fields));

const app = Fastify();
// The raw bytes, not parsed JSON: a body serialised again no longer matches its signature.
app.addContentTypeParser(
  'application/json',
  { parseAs: 'string', bodyLimit: 1024 * 1024 },
  (_req, body, done) => done(null, body),
);

app.post('/hooks', async (request, reply) => {
  const id = request.headers['webhook-id'];
  let event;
  try {
    event = verifier.verify(request.body, request.headers);
  } catch (error) {
    report({ refused: id, reason: error.message });
    return reply.code(401).send('invalid signature');
  }
  if (handled.has(id)) {
    report({ duplicate: id });
    return reply.code(200).send();
  }
  handled.add(id);
  report({ handled: id, type: event.type });
  return reply.code(204).send();
});

const port = Number(process.env.PORT ?? 4000);
await app.listen({ port, host: '127.0.0.1' });
report({ listening: `127.0.0.1:${port}` });
