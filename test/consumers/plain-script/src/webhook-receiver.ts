// A webhook receiver as docs/embedding.md §8 shows it: compiled by the consumer check so the
// guide's example cannot drift from the engine's exported verifier.
// #region webhook-receiver
import { createServer } from 'node:http';
import { verifyWebhookSignature } from '@account-ops/engine';

const secrets = [process.env.ACCOUNT_OPS_WEBHOOK_SECRET ?? ''];

export const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks); // the raw bytes: verify before any JSON parsing
    const verdict = verifyWebhookSignature(
      req.headers['webhook-signature'] as string,
      body,
      secrets,
    );
    if (!verdict.valid) {
      res.writeHead(400).end(verdict.reason);
      return;
    }
    const event = JSON.parse(body.toString('utf8')) as { id: string; type: string };
    // Store by the Webhook-Id header (= event.id; ignore a duplicate), then answer at once.
    console.log('received', req.headers['webhook-id'], event.type);
    res.writeHead(204).end();
  });
});
// #endregion webhook-receiver
