import { createInterface } from 'node:readline';

/** Reads a password: hidden prompt on a terminal, else the first line of standard input. */
export async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '').trim();
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const output = rl as unknown as { _writeToOutput: (text: string) => void };
  let muted = false;
  output._writeToOutput = (text: string) => {
    if (!muted || text.includes('\n')) process.stdout.write(muted ? '\n' : text);
  };
  try {
    const answer = await new Promise<string>((resolve) => {
      rl.question(prompt, resolve);
      muted = true;
    });
    return answer;
  } finally {
    rl.close();
  }
}
