// Starts bench/servers/fakeResourceGraphProcess.ts as a child process (its own RSS and CPU) and talks to it over IPC:
// ask(type, message) sends the message and resolves with the child's first reply of that type.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface FakeResourceGraphChild {
  child: ChildProcess;
  ask<T>(type: string, message?: object): Promise<T>;
  stop(): void;
}

export function forkFakeResourceGraph(assessments: number, estateDir: string): FakeResourceGraphChild {
  const child = fork(join(__dirname, 'fakeResourceGraphProcess.js'), [String(assessments), estateDir], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = <T>(type: string, message?: object): Promise<T> =>
    new Promise((resolve, reject) => {
      const onMessage = (reply: { type?: string }): void => {
        if (reply.type !== type) return;
        child.off('message', onMessage);
        resolve(reply as T);
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`fake exited (${code})`)));
      if (message) child.send(message);
    });
  return { child, ask, stop: () => void child.send({ type: 'stop' }) };
}
