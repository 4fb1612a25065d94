import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  raw: string;
}

/**
 * A real SMTP server on a free local port (the `smtp-server` package), keeping what it accepts.
 * `stall` holds the reply to a message's data until `release` (a mail server that is slow, or
 * that a sender dies waiting for); a held message is accepted only when released.
 */
export async function startSmtpServer() {
  const received: ReceivedMail[] = [];
  let stalling = false;
  let held: (() => void)[] = [];
  let arrived = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        arrived += 1;
        const accept = () => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        };
        if (stalling) held.push(accept);
        else accept();
      });
    },
  });
  server.on('error', () => {
    // A client that dies mid-message (the test kills one) is not the server's failure.
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    /** Messages whose data has arrived, accepted or held. */
    arrived: () => arrived,
    stall() {
      stalling = true;
    },
    /** Stops holding; held messages whose sender is gone are dropped, as a real server does. */
    release() {
      stalling = false;
      held = [];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
