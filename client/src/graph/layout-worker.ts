/** The layout worker: runs computeLayout off the main thread, so a large layout never freezes the page. */
import { computeLayout, type LayoutJob } from './layout-compute';

interface WorkerScope {
  onmessage: ((event: MessageEvent<{ id: number; job: LayoutJob }>) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { id, job } = event.data;
  try {
    const positions = computeLayout(job);
    scope.postMessage({ id, positions }, [positions.xs.buffer, positions.ys.buffer]);
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
