// The part of node:async_hooks that test/d1-limits.ts uses: the test pool runs with
// nodejs_compat, while the Worker's own types (tsconfig.json) leave Node's out.
declare module 'node:async_hooks' {
  export class AsyncLocalStorage<T> {
    getStore(): T | undefined
    run<R>(store: T, callback: () => R): R
  }
}
