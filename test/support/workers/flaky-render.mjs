// A stand-in render worker for testing the pool: answers, fails, throws in the thread, or exits on request.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', ({ id, action }) => {
  if (action === 'ok') parentPort.postMessage({ id, pdf: new Uint8Array([37, 80, 68, 70]) });
  else if (action === 'fail') parentPort.postMessage({ id, error: 'layout failed' });
  else if (action === 'crash')
    setImmediate(() => {
      throw new Error('worker crashed');
    });
  else if (action === 'exit') process.exit(3);
});
